package com.mspanalytics.alerts.digest;

import com.mspanalytics.outbound.OutboundUrlPolicy;
import com.mspanalytics.outbound.OutboundUrlRejected;
import com.mspanalytics.outbound.VettingSocketFactory;
import com.mspanalytics.secrets.ConnectorFields;
import com.mspanalytics.secrets.FieldKind;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
 * since an SMTP conversation aimed at an internal service is as much a forgery as an HTTP one: before the send, so
 * that a refused host is named at once, and again by the connection itself ({@link VettingSocketFactory}), which
 * connects only to an address it vetted, so a host that changes its DNS answer in between (DNS rebinding) gets no
 * connection. STARTTLS still checks the server's certificate against the host name.
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
    private final VettingSocketFactory sockets;

    DigestMailer(OutboundUrlPolicy policy, DigestProperties properties) {
        this.policy = policy;
        this.properties = properties;
        this.sockets = new VettingSocketFactory(policy, properties.smtpTimeout());
    }

    /** @return the recipients it went to */
    List<String> send(Map<String, String> smtp, DigestRenderer.Rendered digest) {
        List<String> recipients = setting(smtp, "to", FieldKind.EMAIL_LIST)
                .orElseThrow(() -> new Failed("the smtp settings name no recipient (to)"))
                .stream().map(InternetAddress::toString).toList();
        String from = setting(smtp, "from", FieldKind.EMAIL)
                .orElseThrow(() -> new Failed("the smtp settings name no sender (from)")).toString();
        JavaMailSenderImpl sender = sender(smtp);
        try {
            MimeMessage message = sender.createMimeMessage();
            MimeMessageHelper mail = new MimeMessageHelper(message, MimeMessageHelper.MULTIPART_MODE_MIXED_RELATED, "UTF-8");
            mail.setFrom(from);
            mail.setTo(recipients.toArray(String[]::new));
            mail.setSubject(digest.subject());
            mail.setText(digest.text(), digest.html());
            for (Map.Entry<String, byte[]> image : digest.images().entrySet()) {
                mail.addInline(image.getKey(), new ByteArrayResource(image.getValue()), "image/png");
            }
            sender.send(message);
            return recipients;
        } catch (MessagingException | MailException e) {
            OutboundUrlRejected refused = refusal(e);
            if (refused != null) {
                throw refused;
            }
            throw new Failed("SMTP server " + smtp.get("host") + " did not take the digest: " + reason(e)
                    + "; check the smtp settings (PUT /settings/connectors/smtp)");
        }
    }

    /** The sender for {@code smtp}, its session configured (package-private for tests). */
    JavaMailSenderImpl sender(Map<String, String> smtp) {
        String host = setting(smtp, "host", FieldKind.TEXT).orElseThrow(() -> new Failed("the smtp settings name no host"));
        policy.addressesOf(host);
        boolean startTls = setting(smtp, "startTls", FieldKind.BOOLEAN).orElse(true);
        JavaMailSenderImpl sender = new JavaMailSenderImpl();
        sender.setHost(host);
        sender.setPort(setting(smtp, "port", FieldKind.PORT).orElse(startTls ? 587 : 25));
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
        // Connections only to vetted addresses. No fallback: Jakarta Mail would otherwise retry a refused
        // connection with a plain socket of its own, resolving the host again.
        javaMail.put("mail.smtp.socketFactory", sockets);
        javaMail.put("mail.smtp.socketFactory.fallback", "false");
        // STARTTLS checks the certificate against the host name (the default of Angus Mail 2, said explicitly).
        javaMail.put("mail.smtp.ssl.checkserveridentity", "true");
        return sender;
    }

    /**
     * A field read the way {@code PUT /settings/connectors/smtp} checked it. A value it would refuse can still be
     * stored from before the check; that fails the send, naming the field, never showing the value.
     */
    private static <T> Optional<T> setting(Map<String, String> smtp, String field, FieldKind<T> kind) {
        try {
            return ConnectorFields.SMTP.value(smtp, field, kind);
        } catch (FieldKind.InvalidValue e) {
            throw new Failed("the smtp " + field + " " + e.getMessage() + "; fix it with PUT /settings/connectors/smtp");
        }
    }

    /** The SSRF guard's refusal of the connection, if that is why the send failed. */
    private static OutboundUrlRejected refusal(Exception e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof OutboundUrlRejected refused) {
                return refused;
            }
        }
        return null;
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
