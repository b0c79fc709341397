package org.allocation.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.allocation.service.Bootstrap;
import org.allocation.service.messagebus.MessageBus;
import org.allocation.service.messagebus.RetryPolicy;
import org.allocation.service.ports.AllocationsView;
import org.allocation.service.ports.StorageUnavailable;
import org.allocation.service.ports.UnitOfWorkFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * openapi.json against the API's real answers: a corpus of requests (good ones, bad ones, without the token,
 * with storage down, with a failure nobody foresaw) goes to the running API, and every answer must be one the
 * document promises, in the shape it promises; and every answer the document promises must occur.
 */
class OpenApiConformanceTest {

    private static final String TOKEN = "conformance-token";
    private static final String BIG = "{\"ref\": \"" + "b".repeat(RequestBodyReader.MAX_BYTES) + "\"}";

    private static final OpenApiDocument DOCUMENT = OpenApiDocument.parse(OpenApiEndpoint.load());
    private static final List<String> PROBLEMS = new ArrayList<>();
    private static final Set<String> OBSERVED = new TreeSet<>();

    private static RunningApi open;
    private static RunningApi secured;
    private static RunningApi storageDown;
    private static RunningApi broken;

    @BeforeAll
    static void start() {
        var allocation = org.allocation.service.inmemory.InMemoryAllocation.start();
        open = RunningApi.over(allocation.bus(), allocation.views(), RunningApi.ALL_UP, Optional.empty());
        secured = RunningApi.over(allocation.bus(), allocation.views(), RunningApi.ALL_UP, Optional.of(TOKEN));
        UnitOfWorkFactory databaseDown = () -> {
            throw new StorageUnavailable("Connection refused", null);
        };
        AllocationsView viewDown = orderid -> {
            throw new StorageUnavailable("Connection refused", null);
        };
        storageDown = RunningApi.over(busOver(databaseDown), viewDown, () -> Map.of("postgresql", false, "redis", true),
                Optional.empty());
        UnitOfWorkFactory bug = () -> {
            throw new IllegalStateException("a bug");
        };
        AllocationsView viewBug = orderid -> {
            throw new IllegalStateException("a bug");
        };
        broken = RunningApi.over(busOver(bug), viewBug, RunningApi.ALL_UP, Optional.empty());
    }

    @AfterAll
    static void stop() {
        for (RunningApi api : List.of(open, secured, storageDown, broken)) {
            api.close();
        }
    }

    @Test
    void everyAnswerIsDocumentedInItsShapeAndEveryDocumentedAnswerOccurs() {
        PROBLEMS.clear();
        OBSERVED.clear();

        openCorpus();
        securedCorpus();
        failureCorpus();

        assertThat(PROBLEMS).as("answers that differ from openapi.json").isEmpty();
        assertThat(OBSERVED).as("outcomes seen").containsAll(DOCUMENT.documentedOutcomes());
    }

    private static void openCorpus() {
        call(open, post("/add_batch", Bodies.batch("batch-1", "LAMP", 10, "2030-01-31")));
        call(open, post("/add_batch", Bodies.batch("batch-1", "LAMP", 10, "2030-01-31")));
        call(open, post("/add_batch", Bodies.batch("batch-2", "LAMP", 5, null)));
        call(open, post("/add_batch", Bodies.batch("batch-1", "LAMP", 11, null)));
        call(open, post("/add_batch", "{\"ref\": \"batch-3\"}"));
        call(open, post("/add_batch", "not json"));
        call(open, post("/add_batch", BIG));
        call(open, post("/add_batch", Bodies.batch("batch-4", "LAMP", 1, null)).setHeader("Content-Type", "text/plain"));
        call(open, post("/allocate", Bodies.allocation("order-1", "LAMP", 3)));
        call(open, post("/allocate", Bodies.allocation("order-1", "LAMP", 3)));
        call(open, post("/allocate", Bodies.allocation("order-2", "NO-SUCH-SKU", 3)));
        call(open, post("/allocate", Bodies.allocation("order-3", "LAMP", 100)));
        call(open, post("/allocate", Bodies.allocation("order-4", "LAMP", 0)));
        call(open, post("/allocate", "{\"orderid\": \"o\", \"sku\": \"LAMP\", \"qty\": 1, \"extra\": true}"));
        call(open, post("/allocate", BIG));
        call(open, post("/allocate", Bodies.allocation("order-5", "LAMP", 1)).setHeader("Content-Type", "application/xml"));
        call(open, get("/allocations/order-1"));
        call(open, get("/allocations/no-such-order"));
        call(open, get("/allocations/" + "o".repeat(256)));
        call(open, get("/health"));
        call(open, get("/metrics"));
        call(open, get("/openapi.json"));
        call(open, get("/no/such/path"));
        call(open, get("/allocations/"));
        call(open, get("/allocate"));
        call(open, post("/health", "{}"));
        call(open, open.request("/allocations/order-1").DELETE());
    }

    private static void securedCorpus() {
        call(secured, post("/add_batch", Bodies.batch("batch-9", "CHAIR", 10, null)));
        call(secured, post("/allocate", Bodies.allocation("order-9", "CHAIR", 1)));
        call(secured, get("/allocations/order-1"));
        call(secured, get("/openapi.json"));
        call(secured, get("/openapi.json").header("Authorization", "Bearer wrong"));
        call(secured, get("/openapi.json").header("Authorization", "Bearer " + TOKEN));
        call(secured, get("/allocations/order-1").header("Authorization", "Bearer " + TOKEN));
        call(secured, get("/admin"));
        call(secured, get("/health"));
        call(secured, get("/metrics"));
    }

    private static void failureCorpus() {
        call(storageDown, post("/add_batch", Bodies.batch("batch-1", "LAMP", 10, null)));
        call(storageDown, post("/allocate", Bodies.allocation("order-1", "LAMP", 1)));
        call(storageDown, get("/allocations/order-1"));
        call(storageDown, get("/health"));
        call(broken, post("/add_batch", Bodies.batch("batch-1", "LAMP", 10, null)));
        call(broken, post("/allocate", Bodies.allocation("order-1", "LAMP", 1)));
        call(broken, get("/allocations/order-1"));
    }

    private static HttpRequest.Builder post(String path, String body) {
        return open.request(path).header("Content-Type", "application/json").POST(BodyPublishers.ofString(body));
    }

    private static HttpRequest.Builder get(String path) {
        return open.request(path).GET();
    }

    /** Sends a request (built against any of the APIs) to {@code api}, and compares its answer with the document. */
    private static void call(RunningApi api, HttpRequest.Builder request) {
        HttpRequest built = request.build();
        String path = built.uri().getPath();
        HttpRequest.Builder toApi = HttpRequest.newBuilder(built, (name, value) -> true).uri(
                api.request(path).build().uri());
        var answer = api.send(toApi);
        String method = built.method();
        OBSERVED.add(DOCUMENT.outcomeOf(method, path, answer.status()));
        List<String> problems = DOCUMENT.problemsWith(method, path, answer.status(), answer.header("Content-Type"),
                answer.response().headers().map(), answer.body());
        problems.forEach(problem -> PROBLEMS.add(method + " " + path + " -> " + answer.status() + ": " + problem));
    }

    private static MessageBus busOver(UnitOfWorkFactory unitsOfWork) {
        return Bootstrap.messageBus(unitsOfWork, (destination, message) -> { }, (channel, event) -> { },
                RetryPolicy.none());
    }
}
