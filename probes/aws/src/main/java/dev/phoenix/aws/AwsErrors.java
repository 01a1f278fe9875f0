package dev.phoenix.aws;

import dev.phoenix.spi.Errors;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedChannelException;
import java.util.Set;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * One-line descriptions of SDK failures, and which of them mean the provider cannot be asked at all
 * (the AWS-specific part: unwrapping and one-line messages in general are in {@link Errors}).
 */
public final class AwsErrors {

    private static final Set<String> AUTH_CODES = Set.of("AuthFailure", "UnrecognizedClientException", "InvalidClientTokenId",
            "SignatureDoesNotMatch", "ExpiredToken", "ExpiredTokenException", "AccessDenied", "AccessDeniedException",
            "UnauthorizedOperation", "InvalidAccessKeyId", "OptInRequired");

    private AwsErrors() {
    }

    /** {@code DescribeInstances: AuthFailure: AWS was not able to validate the provided access credentials (HTTP 401)}. */
    public static String describe(Throwable e) {
        Throwable t = Errors.unwrap(e);
        if (t instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            String msg = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorMessage();
            return (code == null ? "" : code + ": ") + Errors.firstLine(msg == null ? ase.getMessage() : msg)
                    + " (HTTP " + ase.statusCode() + ")";
        }
        Throwable root = Errors.root(t);
        String rootMsg = root.getMessage();
        if (root != t && rootMsg != null && !rootMsg.isBlank()) {
            return Errors.firstLine(rootMsg) + (root instanceof ConnectException ? " (" + root.getClass().getSimpleName() + ")" : "");
        }
        return Errors.message(t);
    }

    /**
     * Whether {@code e} means that nothing can be asked of this endpoint with these credentials:
     * refused or unresolvable connections, missing or rejected credentials.
     */
    public static boolean unreachable(Throwable e) {
        Throwable t = Errors.unwrap(e);
        if (t instanceof AwsServiceException ase) {
            String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
            return ase.statusCode() == 401 || (code != null && AUTH_CODES.contains(code));
        }
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ConnectException || c instanceof UnknownHostException || c instanceof NoRouteToHostException
                    || c instanceof ClosedChannelException
                    || c.getClass().getName().equals("io.netty.channel.ConnectTimeoutException")) {
                return true;
            }
            if (c instanceof SdkException && c.getMessage() != null && c.getMessage().startsWith("Unable to load credentials")) {
                return true;
            }
            if (c.getMessage() != null && c.getMessage().startsWith("Acquire operation took longer")) {
                return true; // the HTTP client could not open a connection in time: the endpoint does not accept
            }
        }
        return false;
    }

    /** AWS's error code ({@code AccessDenied}, {@code ThrottlingException}), if the service answered with one. */
    public static java.util.Optional<String> code(Throwable e) {
        for (Throwable c = Errors.unwrap(e); c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof AwsServiceException ase && ase.awsErrorDetails() != null && ase.awsErrorDetails().errorCode() != null) {
                return java.util.Optional.of(ase.awsErrorDetails().errorCode());
            }
        }
        return java.util.Optional.empty();
    }

    /** Whether the service answered with one of these error codes ({@code NoSuchKey}, {@code InvocationDoesNotExist}, ...). */
    public static boolean notFound(Throwable e, String... codes) {
        Throwable t = Errors.unwrap(e);
        if (t instanceof AwsServiceException ase && ase.awsErrorDetails() != null) {
            String code = ase.awsErrorDetails().errorCode();
            for (String c : codes) {
                if (c.equals(code)) {
                    return true;
                }
            }
        }
        return false;
    }
}
