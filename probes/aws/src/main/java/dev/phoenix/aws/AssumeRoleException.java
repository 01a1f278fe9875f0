package dev.phoenix.aws;

import java.util.Optional;

/**
 * The role of an account could not be assumed: the account is not audited (a finding for that
 * account), the others are. Carries AWS's error code as a field ({@code AccessDenied}).
 */
public final class AssumeRoleException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient AwsTarget target;
    private final String code;

    AssumeRoleException(AwsTarget target, Throwable cause) {
        super("cannot assume " + target.account().map(AwsAccount::role).orElse("a role") + " (" + target.describe() + "): "
                + AwsErrors.describe(cause), cause, false, false);
        this.target = target;
        this.code = AwsErrors.code(cause).orElse(null);
    }

    public AwsTarget target() {
        return target;
    }

    /** AWS's error code, when STS answered with one (none when it could not be reached). */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }
}
