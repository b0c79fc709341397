package org.allocation.adapters.notifications;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import org.allocation.adapters.config.Settings;
import org.allocation.service.ports.Notifications;

/**
 * Notifications as plain-text e-mails through an SMTP server (Jakarta Mail, Eclipse Angus). Every step is
 * bounded by a timeout, so that a silent mail server delays a notification, not the service.
 */
public final class EmailNotifications implements Notifications {

    static final String SUBJECT = "Allocation service notification";
    private static final String TIMEOUT_MILLIS = "5000";

    private final Settings.Smtp smtp;
    private final Session session;

    public EmailNotifications(Settings.Smtp smtp) {
        this.smtp = smtp;
        Properties properties = new Properties();
        properties.put("mail.smtp.host", smtp.host());
        properties.put("mail.smtp.port", String.valueOf(smtp.port()));
        properties.put("mail.smtp.auth", String.valueOf(smtp.user().isPresent()));
        properties.put("mail.smtp.starttls.enable", String.valueOf(smtp.startTls()));
        properties.put("mail.smtp.starttls.required", String.valueOf(smtp.startTls()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        this.session = Session.getInstance(properties);
    }

    /** @throws NotificationNotSent when the server cannot be reached or refuses the message */
    @Override
    public void send(String destination, String message) {
        try {
            MimeMessage mail = new MimeMessage(session);
            mail.setFrom(new InternetAddress(smtp.from()));
            mail.setRecipients(Message.RecipientType.TO, InternetAddress.parse(destination));
            mail.setSubject(SUBJECT);
            mail.setText(message, "UTF-8");
            if (smtp.user().isPresent()) {
                Transport.send(mail, smtp.user().get(), smtp.password().orElse(""));
            } else {
                Transport.send(mail);
            }
        } catch (MessagingException failure) {
            throw new NotificationNotSent("Could not e-mail " + destination + " through " + smtp.host() + ":"
                    + smtp.port() + ": " + failure.getMessage(), failure);
        }
    }
}
