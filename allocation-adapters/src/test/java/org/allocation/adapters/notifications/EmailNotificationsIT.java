package org.allocation.adapters.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import java.util.Optional;
import org.allocation.adapters.config.Settings;
import org.allocation.adapters.testing.ClosedPort;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class EmailNotificationsIT {

    @RegisterExtension
    static final GreenMailExtension mailServer = new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort());

    @Test
    void sendsTheNotificationAsAnEmail() throws Exception {
        Settings.Smtp smtp = new Settings.Smtp("127.0.0.1", mailServer.getSmtp().getPort(), Optional.empty(),
                Optional.empty(), "allocation@example.com", false);

        new EmailNotifications(smtp).send("stock@made.com", "Out of stock for LAMP");

        assertThat(mailServer.waitForIncomingEmail(5000, 1)).isTrue();
        MimeMessage received = mailServer.getReceivedMessages()[0];
        assertThat(received.getAllRecipients()).extracting(Object::toString).containsExactly("stock@made.com");
        assertThat(received.getFrom()).extracting(Object::toString).containsExactly("allocation@example.com");
        assertThat(received.getSubject()).isEqualTo(EmailNotifications.SUBJECT);
        assertThat(((String) received.getContent()).trim()).isEqualTo("Out of stock for LAMP");
    }

    @Test
    void logsInWhenAUserIsConfigured() throws Exception {
        mailServer.setUser("allocation@example.com", "allocator", "s3cret");
        Settings.Smtp smtp = new Settings.Smtp("127.0.0.1", mailServer.getSmtp().getPort(), Optional.of("allocator"),
                Optional.of("s3cret"), "allocation@example.com", false);

        new EmailNotifications(smtp).send("buyers@made.com", "Out of stock for SOFA");

        assertThat(mailServer.waitForIncomingEmail(5000, 1)).isTrue();
    }

    @Test
    void anUnreachableMailServerIsAnError() {
        Settings.Smtp smtp = new Settings.Smtp("127.0.0.1", ClosedPort.find(), Optional.empty(), Optional.empty(),
                "allocation@example.com", false);

        assertThatThrownBy(() -> new EmailNotifications(smtp).send("stock@made.com", "Out of stock for LAMP"))
                .isInstanceOf(NotificationNotSent.class)
                .hasMessageContaining("stock@made.com");
    }
}
