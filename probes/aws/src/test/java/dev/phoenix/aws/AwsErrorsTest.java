package dev.phoenix.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

class AwsErrorsTest {

    private static AwsServiceException service(int status, String code, String message) {
        return AwsServiceException.builder().statusCode(status)
                .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build()).build();
    }

    @Test
    void refusedConnectionsAndRejectedCredentials_meanUnreachable() {
        assertThat(AwsErrors.unreachable(new CompletionException(SdkClientException.create("Unable to execute HTTP request",
                new ConnectException("Connection refused"))))).isTrue();
        assertThat(AwsErrors.unreachable(service(401, "AuthFailure", "AWS was not able to validate the provided access credentials"))).isTrue();
        assertThat(AwsErrors.unreachable(SdkClientException.create("Unable to load credentials from any of the providers"))).isTrue();
        assertThat(AwsErrors.unreachable(SdkClientException.create("Unable to execute HTTP request",
                new java.util.concurrent.TimeoutException("Acquire operation took longer than 10000 milliseconds.")))).isTrue();
    }

    @Test
    void throttlingAndMissingResources_areNotUnreachable() {
        assertThat(AwsErrors.unreachable(service(400, "Throttling", "Rate exceeded"))).isFalse();
        assertThat(AwsErrors.unreachable(service(400, "InvalidInstanceID.NotFound", "no such instance"))).isFalse();
    }

    @Test
    void descriptions_areOneLine_withCodeAndStatus() {
        assertThat(AwsErrors.describe(new CompletionException(service(400, "InvalidInstanceID.NotFound", "The instance ID 'i-1' does not exist\nmore"))))
                .isEqualTo("InvalidInstanceID.NotFound: The instance ID 'i-1' does not exist (HTTP 400)");
        assertThat(AwsErrors.describe(SdkClientException.create("Unable to execute HTTP request", new ConnectException("Connection refused"))))
                .isEqualTo("Connection refused (ConnectException)");
    }
}
