package com.mspanalytics.alerts.digest;

import com.mspanalytics.connectors.OutboundUrlPolicy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * Sends a rendered digest through the tenant's SMTP server ({@code smtp} connector: host, port, username,
 * password, from, to, startTls) with Spring's mail support: multipart/alternative with the plain text and the
 * HTML, the charts inline. The host is vetted like every outbound address (in production: public addresses only),
 * since an SMTP conversation aimed at an internal service is as much a forgery as an HTTP one.
 */
@Component
class DigestMailer {

    /** Why a digest could not be sent; the message never holds the password or the server's reply. */
    static final class Failed extends RuntimeException {
        Failed(String message) {
            super(message);
        }
    }

    private final OutboundUrlPolicy policy;
    private final DigestProperties properties;

    DigestMailer(OutboundUrlPolicy policy, DigestProperties properties) {
        this.policy = policy;
        this.properties = properties;
    }

    /** @return the recipients it went to */
    List<String> send(Map<String, String> smtp, DigestRenderer.Rendered digest) {
        List<String> recipients = recipients(smtp.get("to"));
        JavaMailSenderImpl sender = sender(smtp);
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper mail = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            mail.setFrom(address(smtp.get("from"), "from"));
            mail.setTo(recipients.toArray(String[]::new));
            mail.setSubject(digest.subject());
            mail.setText(digest.text(), digest.html());
            for (Map.Entry<String, byte[]> image : digest.images().entrySet()) {
                mail.addInline(image.getKey(), new ByteArrayResource(image.getValue()), "image/png");
            }
            sender.send(message);
            return recipients;
        } catch (MessagingException | MailException e) {
            throw new Failed("SMTP server " + smtp.get("host") + " did not take the digest: " + reason(e)
                    + "; check the smtp settings (PUT /settings/connectors/smtp)");
        }
    }

    private JavaMailSenderImpl sender(Map<String, String> smtp) {
        String host = smtp.get("host");
        if (host == null || host.isBlank()) {
            throw new Failed("the smtp settings name no host");
        }
        policy.addressesOf(host);
        boolean startTls = !"false".equalsIgnoreCase(smtp.getOrDefault("startTls", "true"));
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(port(smtp.get("port"), startTls));
        sender.setDefaultEncoding("UTF-8");
        String username = smtp.get("username");
        if (username != null && !username.isBlank()) {
            sender.setUsername(username);
            sender.setPassword(smtp.get("password"));
        }
        Properties javaMail = sender.getJavaMailProperties();
        String timeout = String.valueOf(properties.smtpTimeout().toMillis());
        javaMail.put("mail.smtp.connectiontimeout", timeout);
        javaMail.put("mail.smtp.timeout", timeout);
        javaMail.put("mail.smtp.writetimeout", timeout);
        javaMail.put("mail.smtp.auth", String.valueOf(username != null && !username.isBlank()));
        javaMail.put("mail.smtp.starttls.enable", String.valueOf(startTls));
        javaMail.put("mail.smtp.starttls.required", String.valueOf(startTls));
        return sender;
    }

    private static int port(String port, boolean startTls) {
        if (port == null || port.isBlank()) {
            return startTls ? 587 : 25;
        }
        try {
            int number = Integer.parseInt(port.strip());
            if (number < 1 || number > 65535) {
                throw new NumberFormatException();
            }
            return number;
        } catch (NumberFormatException e) {
            throw new Failed("the smtp port must be a number from 1 to 65535");
        }
    }

    static List<String> recipients(String to) {
        List<String> recipients = to == null ? List.of() : java.util.Arrays.stream(to.split("[,;]"))
                .map(String::strip).filter(s -> !s.isEmpty()).toList();
        if (recipients.isEmpty()) {
            throw new Failed("the smtp settings name no recipient (to)");
        }
        recipients.forEach(r -> address(r, "to"));
        return recipients;
    }

    private static String address(String value, String field) {
        try {
            InternetAddress address = new InternetAddress(value, true);
            return address.toString();
        } catch (AddressException | NullPointerException e) {
            throw new Failed("the smtp " + field + " address is not an e-mail address");
        }
    }

    /** The exception's kind and its innermost message, minus anything after the server's reply code. */
    private static String reason(Exception e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName();
    }
}
