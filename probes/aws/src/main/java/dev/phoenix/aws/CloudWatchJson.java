package dev.phoenix.aws;

import com.fasterxml.jackson.databind.JsonNode;
import dev.phoenix.json.Json;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Shared;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;

/**
 * CloudWatch's AWS JSON 1.0 protocol, signed with the SDK's SigV4 signer and the credentials every
 * other client uses. The SDK's own CloudWatch client speaks only Smithy RPC v2 CBOR, which
 * LocalStack-compatible emulators (moto among them) do not; AWS answers JSON 1.0 as well, so one
 * protocol serves both.
 *
 * <pre>{@code
 * CloudWatchJson.of(ctx, settings).call("DescribeAlarms", Map.of("AlarmNames", List.of("web-5xx")))
 *               .onSuccess(body -> body.path("MetricAlarms"));
 * }</pre>
 */
final class CloudWatchJson {

    private static final String TARGET = "GraniteServiceVersion20100801.";

    private final AwsClients aws;
    private final AwsSettings settings;
    private final HttpClient http;
    private final URI endpoint;

    private CloudWatchJson(AwsClients aws, AwsSettings settings, HttpClient http) {
        this.aws = aws;
        this.settings = settings;
        this.http = http;
        this.endpoint = settings.endpoint().orElse(URI.create("https://monitoring." + settings.region() + ".amazonaws.com/"));
    }

    static CloudWatchJson of(ProviderContext ctx, AwsSettings settings) {
        HttpClient http = ctx.shared().get(Client.class, () -> new Client(ctx.vertx().createHttpClient(new HttpClientOptions()
                .setSsl(true).setTrustAll(false).setVerifyHost(true)))).http;
        return new CloudWatchJson(AwsClients.shared(ctx, settings), settings, http);
    }

    /** One call: the operation's JSON answer, or a failed future naming the operation and AWS's error. */
    Future<JsonNode> call(String operation, Map<String, Object> input) {
        byte[] body;
        try {
            body = Json.mapper().writeValueAsBytes(input);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return Future.failedFuture(e);
        }
        SdkHttpRequest unsigned = SdkHttpRequest.builder().method(SdkHttpMethod.POST).uri(endpoint.resolve("/"))
                .putHeader("Content-Type", "application/x-amz-json-1.0")
                .putHeader("X-Amz-Target", TARGET + operation)
                .build();
        return Future.fromCompletionStage(aws.credentials().resolveIdentity())
                .map(identity -> (SignedRequest) AwsV4HttpSigner.create().sign(r -> r.identity(identity).request(unsigned)
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, "monitoring")
                        .putProperty(AwsV4HttpSigner.REGION_NAME, settings.region())))
                .compose(signed -> send(operation, signed, body));
    }

    private Future<JsonNode> send(String operation, SignedRequest signed, byte[] body) {
        URI uri = signed.request().getUri();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(uri.toString())
                .setTimeout(settings.timeout().toMillis());
        signed.request().forEachHeader((name, values) -> values.forEach(v -> options.addHeader(name, v)));
        return http.request(options)
                .compose(req -> req.send(Buffer.buffer(body)))
                .compose(resp -> resp.body().map(b -> new Answer(resp.statusCode(), b)))
                .recover(e -> Future.failedFuture(operation + " at " + endpoint + ": " + Errors.message(Errors.root(e))))
                .compose(a -> {
                    JsonNode json;
                    try {
                        json = a.body().length() == 0 ? Json.mapper().createObjectNode() : Json.mapper().readTree(a.body().getBytes());
                    } catch (java.io.IOException e) {
                        return Future.failedFuture(operation + " answered HTTP " + a.status() + " with no JSON: "
                                + Errors.firstLine(a.body().toString(StandardCharsets.UTF_8)));
                    }
                    if (a.status() / 100 != 2) {
                        String type = json.path("__type").asText("").replaceAll(".*#", "");
                        return Future.failedFuture(operation + " failed: HTTP " + a.status() + (type.isEmpty() ? "" : " " + type)
                                + " " + json.path("message").asText(json.path("Message").asText("")).trim());
                    }
                    return Future.succeededFuture(json);
                });
    }

    private record Answer(int status, Buffer body) {
    }

    /** The HTTP client of JSON-protocol calls, closed with the context's shared clients. */
    private static final class Client implements Shared.Resource {
        final HttpClient http;

        Client(HttpClient http) {
            this.http = http;
        }

        @Override
        public Future<Void> close() {
            return http.close();
        }
    }
}
