package org.allocation.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OwnPendingCursorTest {

    private final OwnPendingCursor cursor = new OwnPendingCursor();

    @Test
    void aPassIsDueAtTheStartAndAgainOnlyAfterARestart() {
        assertThat(cursor.beginIfDue()).isTrue();
        assertThat(cursor.reading()).isTrue();
        cursor.finish();

        assertThat(cursor.beginIfDue()).isFalse();
        assertThat(cursor.reading()).isFalse();

        cursor.restart();
        assertThat(cursor.beginIfDue()).isTrue();
        assertThat(cursor.after()).as("a new pass reads every stream from its start").isEmpty();
    }

    @Test
    void movesPastTheHighestIdOfEachStreamComparedAsNumbers() {
        cursor.beginIfDue();

        cursor.movePast(List.of(entry("allocate", "9-5"), entry("allocate", "10-0"),
                entry("change_batch_quantity", "3-1")));
        cursor.movePast(List.of(entry("allocate", "9-9")));

        assertThat(cursor.after()).isEqualTo(Map.of("allocate", "10-0", "change_batch_quantity", "3-1"));
    }

    private static StreamEntry entry(String stream, String id) {
        return new StreamEntry(stream, id, Map.of(), 1);
    }
}
