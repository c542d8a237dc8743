package com.mspanalytics.auth.users;

import com.mspanalytics.auth.LinkToken;
import com.mspanalytics.tenant.TenantContext;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Admins invite people by e-mail, name and role; the invitee opens a one-time link, chooses a password and becomes a
 * tenant user with that role. A link works once, until it expires ({@code msp.invitations.lifetime}) or an admin
 * revokes it; after that it answers {@link #UNUSABLE}, the same for all three, so that it says nothing else.
 */
@Service
public class Invitations {

    public static final String UNUSABLE =
            "This invitation link has expired or was already used. Ask your admin for a new one.";

    private final InvitationRepository invitations;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final TransactionTemplate transaction;
    private final InvitationProperties properties;

    Invitations(InvitationRepository invitations, UserRepository users, PasswordEncoder passwords,
            TransactionTemplate transaction, InvitationProperties properties) {
        this.invitations = invitations;
        this.users = users;
        this.passwords = passwords;
        this.transaction = transaction;
        this.properties = properties;
    }

    /**
     * Invites {@code email} to the current tenant: the one moment the link's token exists outside its owner's hands.
     *
     * @param invitedBy the id of the admin inviting
     * @throws IllegalArgumentException saying why not: not an e-mail address, no name, already a user of the
     *     tenant, or already invited
     */
    @Transactional
    public NewInvitation invite(String email, String displayName, Role role, UUID invitedBy) {
        String address = Users.validEmail(email);
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.length() > 100) {
            throw new IllegalArgumentException("Give the person's name, 1 to 100 characters.");
        }
        if (users.existsByEmail(address)) {
            throw new IllegalArgumentException(address + " is already a user of this MSP.");
        }
        invitations.deleteExpired(address);
        if (invitations.hasOpen(address)) {
            throw alreadyInvited(address);
        }
        String token = LinkToken.generate();
        try {
            UUID id = invitations.insert(TenantContext.require(), address, name, role,
                    LinkToken.hash(token).orElseThrow(), invitedBy, properties.lifetime());
            return new NewInvitation(id, address, token);
        } catch (DuplicateKeyException e) {
            throw alreadyInvited(address); // another admin invited them in the meantime
        }
    }

    /** The current tenant's invitations that are neither accepted nor revoked, expired ones included. */
    @Transactional(readOnly = true)
    public List<Invitation> pending() {
        return invitations.findPending();
    }

    /** @return false when the current tenant has no pending invitation with that id */
    @Transactional
    public boolean revoke(UUID id) {
        return invitations.revoke(id);
    }

    /** The invitation whose link carries {@code token}, while the link works; for any tenant. */
    @Transactional(readOnly = true)
    public Optional<OpenInvitation> open(String token) {
        return LinkToken.hash(token).flatMap(invitations::findOpen);
    }

    /**
     * Accepts the invitation: in one transaction, as the invitation's tenant, marks it accepted and creates the user
     * with its e-mail, name and role and the chosen password.
     *
     * @throws LinkUnusable when the link is expired, used or revoked (or never existed)
     * @throws IllegalArgumentException when the password breaks the {@link PasswordPolicy} or the two differ
     */
    public TenantUser accept(String token, String password, String confirmation) {
        OpenInvitation invitation = LinkToken.hash(token)
                .flatMap(hash -> transaction.execute(status -> invitations.findOpen(hash)))
                .orElseThrow(LinkUnusable::new);
        PasswordPolicy.check(password, invitation.email());
        if (!password.equals(confirmation)) {
            throw new IllegalArgumentException("The two passwords differ.");
        }
        String hash = passwords.encode(password);
        // Bound like a sign-in's tenant, so that row-level security holds the writes to the invitation's tenant.
        return TenantContext.callAs(invitation.tenant(), () -> transaction.execute(status -> {
            if (!invitations.accept(invitation.id())) {
                throw new LinkUnusable();
            }
            // An account made for the e-mail since the invitation (by the seed command) is not taken over.
            return users.insertNew(invitation.tenant(), invitation.email(), invitation.displayName(),
                    invitation.role(), hash).orElseThrow(LinkUnusable::new);
        }));
    }

    /** An invitation just created, and the token of its link, which is not stored and cannot be shown again. */
    public record NewInvitation(UUID id, String email, String token) {

        /** The one-time link under {@code baseUrl}, where people reach the dashboard. */
        public String link(String baseUrl) {
            return LinkToken.url(baseUrl, "/invite", token);
        }

        /** Without the token, so that logging the record never leaks the link. */
        @Override
        public String toString() {
            return "NewInvitation[id=" + id + ", email=" + email + "]";
        }
    }

    /** The link is expired, used or revoked; the message is {@link #UNUSABLE} whichever it is. */
    public static final class LinkUnusable extends RuntimeException {

        LinkUnusable() {
            super(UNUSABLE);
        }
    }

    private static IllegalArgumentException alreadyInvited(String address) {
        return new IllegalArgumentException(address + " already has a pending invitation; revoke it to send a new one.");
    }
}
