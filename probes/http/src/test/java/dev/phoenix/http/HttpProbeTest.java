package dev.phoenix.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.phoenix.model.Fact;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.probe.ProbeSpec;
import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Sections;
import dev.phoenix.spi.Settings;
import dev.phoenix.spi.TargetPolicy;
import dev.phoenix.testing.Members;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The HTTP probe against real servers on 127.0.0.1. */
@ExtendWith(VertxExtension.class)
class HttpProbeTest {

    private static final String DOC = """
            {"version": "1.2", "member": {"id": "m-1", "bootedAt": "now"}, "list": [1, 2],
             "nested": {"a": {"b": true}}, "empty": {}, "none": null}""";

    private int port;
    private final AtomicBoolean connectionClosed = new AtomicBoolean();
    private ProviderContext ctx;

    @BeforeEach
    void server(Vertx vertx, VertxTestContext test) {
        ctx = ProviderContext.create(vertx, Clock.systemUTC(), 1, Map.of());
        HttpServer server = vertx.createHttpServer().requestHandler(req -> {
            req.connection().closeHandler(v -> connectionClosed.set(true));
            switch (req.path()) {
                case "/json" -> req.response().putHeader("content-type", "application/json").end(DOC);
                case "/fail" -> req.response().setStatusCode(503).end("down for maintenance");
                case "/text" -> req.response().end("plain text");
                case "/html" -> req.response().end("<html><body>not json</body></html>");
                case "/silent" -> { } // never answers
                case "/big" -> req.response().end(Buffer.buffer(new byte[2 << 20]));
                case "/endless" -> {
                    req.response().setChunked(true);
                    long timer = vertx.setPeriodic(20, id -> {
                        if (!req.response().closed()) {
                            req.response().write(Buffer.buffer(new byte[64 * 1024]));
                        }
                    });
                    req.connection().closeHandler(v -> {
                        connectionClosed.set(true);
                        vertx.cancelTimer(timer);
                    });
                }
                case "/drip" -> {
                    req.response().setChunked(true);
                    long timer = vertx.setPeriodic(50, id -> {
                        if (!req.response().closed()) {
                            req.response().write("x");
                        }
                    });
                    req.connection().closeHandler(v -> {
                        connectionClosed.set(true);
                        vertx.cancelTimer(timer);
                    });
                }
                default -> req.response().setStatusCode(404).end();
            }
        });
        server.listen(0, "127.0.0.1").onComplete(test.succeeding(s -> {
            port = s.actualPort();
            test.completeNow();
        }));
    }

    private Probe probe(Map<String, Object> settings) {
        return new HttpProbeFactory().create(ProbeSpec.of("g", Settings.of("probe", settings), Sections.none()), ctx);
    }

    private Member member(String path) {
        return Members.host("m-1", "http://127.0.0.1:" + port + path);
    }

    @Test
    void jsonBody_isFlattenedIntoFacts_withIdentityAndIgnoredPaths(VertxTestContext test) {
        Probe probe = probe(Map.of("name", "state", "identity", List.of("member.*"), "ignore", List.of("none")));
        probe.observe(member("/json")).onComplete(test.succeeding(obs -> test.verify(() -> {
            assertThat(obs.succeeded()).isTrue();
            Map<String, Fact> byKey = new LinkedHashMap<>();
            obs.facts().forEach(f -> byKey.put(f.key(), f));
            assertThat(byKey.get("http.state.json.version").value()).isEqualTo("1.2");
            assertThat(byKey.get("http.state.json.list[1]").value()).isEqualTo("2");
            assertThat(byKey.get("http.state.json.nested.a.b").value()).isEqualTo("true");
            assertThat(byKey.get("http.state.json.empty").value()).isEqualTo("{}");
            assertThat(byKey.get("http.state.json.member.id").identity()).isTrue();
            assertThat(byKey.get("http.state.url").identity()).isTrue();
            assertThat(byKey).doesNotContainKey("http.state.json.none");
            assertThat(probe.name()).isEqualTo("http:state");
            test.completeNow();
        })));
    }

    @Test
    void urlTemplate_takesTheNameFromTheLastPathSegment(VertxTestContext test) {
        Probe probe = probe(Map.of("url", "http://127.0.0.1:{port}/json"));
        Member m = new Member("m-1", "g", "static", dev.phoenix.model.MemberKind.HOST, dev.phoenix.model.Mutability.MUTABLE,
                false, "", Map.of("port", String.valueOf(port)));
        probe.observe(m).onComplete(test.succeeding(obs -> test.verify(() -> {
            assertThat(probe.name()).isEqualTo("http:json");
            assertThat(obs.facts()).extracting(Fact::key).contains("http.json.json.version");
            test.completeNow();
        })));
    }

    @Test
    void serverError_isAFailedObservationNamingTheStatus(VertxTestContext test) {
        probe(Map.of()).observe(member("/fail")).onComplete(test.succeeding(obs -> test.verify(() -> {
            assertThat(obs.succeeded()).isFalse();
            assertThat(obs.error().cause()).contains("/fail").contains("HTTP 503");
            test.completeNow();
        })));
    }

    @Test
    void nonJsonBody_whenJsonIsExpected_isAFailedObservation(VertxTestContext test) {
        probe(Map.of()).observe(member("/html")).onComplete(test.succeeding(obs -> test.verify(() -> {
            assertThat(obs.error().cause()).contains("response is not usable JSON");
            test.completeNow();
        })));
    }

    @Test
    void nonJsonBody_withJsonOff_isFingerprintedByDigest(VertxTestContext test) {
        probe(Map.of("json", false)).observe(member("/text")).onComplete(test.succeeding(obs -> test.verify(() -> {
            assertThat(obs.facts()).extracting(Fact::key).contains("http.root.body.sha256");
            assertThat(obs.facts().stream().filter(f -> f.key().endsWith("sha256")).findFirst().orElseThrow().value())
                    .isEqualTo(dev.phoenix.model.Fingerprint.sha256Hex("plain text"));
            test.completeNow();
        })));
    }

    @Test
    void silentServer_failsAtTheDeadline(VertxTestContext test) {
        long start = System.nanoTime();
        probe(Map.of("timeout", "300ms")).observe(member("/silent")).onComplete(test.succeeding(obs -> test.verify(() -> {
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertThat(obs.succeeded()).isFalse();
            assertThat(obs.error().cause()).contains("/silent");
            assertThat(ms).isBetween(250L, 5_000L);
            test.completeNow();
        })));
    }

    @Test
    void drippingServer_isCutAtTheDeadlineAndItsConnectionClosed(Vertx vertx, VertxTestContext test) {
        probe(Map.of("timeout", "400ms")).observe(member("/drip")).onComplete(test.succeeding(obs -> test.verify(() -> {
            assertThat(obs.error().cause()).contains("no complete response within 400 ms");
            vertx.setPeriodic(20, id -> {
                if (connectionClosed.get()) {
                    vertx.cancelTimer(id);
                    test.completeNow();
                }
            });
        })));
    }

    @Test
    void oversizedBody_withContentLength_isRefused(VertxTestContext test) {
        probe(Map.of("max-body", 1024)).observe(member("/big")).onComplete(test.succeeding(obs -> test.verify(() -> {
            assertThat(obs.error().cause()).contains("exceeds the cap of 1024 bytes");
            test.completeNow();
        })));
    }

    @Test
    void endlessChunkedBody_isCutAtTheCapAndItsConnectionClosed(Vertx vertx, VertxTestContext test) {
        probe(Map.of("max-body", 100_000, "timeout", "10s")).observe(member("/endless"))
                .onComplete(test.succeeding(obs -> test.verify(() -> {
                    assertThat(obs.error().cause()).contains("exceeds the cap of 100000 bytes");
                    vertx.setPeriodic(20, id -> {
                        if (connectionClosed.get()) {
                            vertx.cancelTimer(id);
                            test.completeNow();
                        }
                    });
                })));
    }

    @Test
    void refusedConnection_isAFailedObservation(VertxTestContext test) {
        probe(Map.of("timeout", "2s")).observe(Members.host("m-2", "http://127.0.0.1:1/state"))
                .onComplete(test.succeeding(obs -> test.verify(() -> {
                    assertThat(obs.error().cause()).startsWith("GET http://127.0.0.1:1/state: ");
                    test.completeNow();
                })));
    }

    @Test
    void missingAttribute_forTheUrlTemplate_isNamed(VertxTestContext test) {
        probe(Map.of("url", "http://{privateIp}:8080/config")).observe(member("/json"))
                .onComplete(test.succeeding(obs -> test.verify(() -> {
                    assertThat(obs.error().cause()).contains("has no attribute 'privateIp'");
                    test.completeNow();
                })));
    }

    @Test
    void aTargetPolicyRefusal_isNeverContacted(VertxTestContext test) throws Exception {
        // the refused target is a loopback listener the test watches: whatever the probe does, nothing leaves 127.0.0.0/8
        // (TargetPolicyTest checks, without any network, that loopback-only mode refuses private addresses)
        java.net.ServerSocket trap = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        java.util.concurrent.atomic.AtomicInteger accepted = new java.util.concurrent.atomic.AtomicInteger();
        Thread watcher = new Thread(() -> {
            try (trap) {
                while (true) {
                    trap.accept().close();
                    accepted.incrementAndGet();
                }
            } catch (java.io.IOException closed) {
                // the test closed the trap
            }
        });
        watcher.start();
        String url = "http://127.0.0.1:" + trap.getLocalPort() + "/config";
        ctx = ctx.withTargets(host -> java.util.Optional.of(host + " is not a loopback address (refused by this test's policy)"));
        probe(Map.of()).observe(Members.host("i-1", url))
                .onComplete(test.succeeding(obs -> test.verify(() -> {
                    assertThat(obs.error().cause()).contains("not requesting " + url).contains("not a loopback address");
                    Thread.sleep(200);
                    assertThat(accepted.get()).as("connections to the refused target").isZero();
                    trap.close();
                    test.completeNow();
                })));
    }

    @Test
    void badSettings_areConfigErrorsNamingTheKey() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe(Map.of("timout", "1s")))
                .hasMessageContaining("unknown key 'timout' (did you mean 'timeout'?)");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe(Map.of("url", "ftp://x/y")))
                .hasMessageContaining("expected an http:// or https:// URL");
    }

    @Test
    void headersWithLineBreaksOrControlCharacters_andBadNames_areRefused() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe(Map.of("headers", Map.of("X-A", "a\r\nInjected: yes"))))
                .hasMessageContaining("a header value must not contain CR, LF or other control characters");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe(Map.of("headers", Map.of("Bad Header", "x"))))
                .hasMessageContaining("not a valid header name");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe(Map.of("url", "http://{host}:99999/x")))
                .hasMessageContaining("port must be between 1 and 65535, found 99999");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> probe(Map.of("max-body", 4294967298L, "timeout", 1e30)))
                .isInstanceOfSatisfying(dev.phoenix.spi.ConfigException.class, e -> assertThat(e.errors()).extracting(Throwable::getMessage)
                        .containsExactly("must be at most 1h, found '1.0E30'", "must be between 1 and 2147483647, found 4294967298"));
    }

    @Test
    void observation_recordsOnlyOneProbeName() {
        Observation failed = Observation.failed("http:x", "cause");
        assertThat(failed.error().probe()).isEqualTo("http:x");
    }
}
