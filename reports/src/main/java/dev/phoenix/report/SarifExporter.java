package dev.phoenix.report;

import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.phoenix.json.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * {@code sarif}: SARIF 2.1.0 ({@code phoenix.sarif}) for GitHub code scanning and other result
 * managers. One rule per {@link FindingKind} ({@link SarifRules}), one result per finding with
 * the member's name and id and the fact in its message, a partial fingerprint from the finding's
 * stable id (so an alert is tracked across runs, not opened again), logical locations for groups
 * and members, the level from the severity, and waived findings as external suppressions.
 *
 * <p>GitHub takes at most {@value #MAX_RESULTS} results per run and 10 MB per file: beyond either,
 * the most severe findings are kept ({@link Findings#MOST_SEVERE_FIRST}) and what was left out is
 * said in {@code run.properties} and in a tool execution notification.
 *
 * <pre>{@code
 * new SarifExporter().write(scorecard, out);
 * // a result's physical location, once findings know the config line they come from:
 * new SarifExporter(f -> Optional.of(new SarifExporter.SourceLine("fleet.yaml", 12))).write(scorecard, out);
 * }</pre>
 */
public final class SarifExporter implements Exporter {

    /** GitHub code scanning's limit of results per run. */
    public static final int MAX_RESULTS = 25_000;
    /** GitHub code scanning's limit of a SARIF file, in bytes (10 MB). */
    public static final long MAX_BYTES = 10_000_000;
    static final String SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
    /** The partial fingerprint that carries {@link Finding#id()}. */
    static final String FINGERPRINT = "phoenixFindingId/v1";
    /** Room kept for what is written after the results are chosen (the cut's notification and counts). */
    private static final int RESERVE = 16 * 1024;

    /**
     * Where in a source file a finding comes from, such as the config line that declares its group
     * or its waiver: the extension point for a result's physical location. The scorecard does not
     * carry config lines yet, so the registered exporter locates nothing and results have logical
     * locations only.
     */
    @FunctionalInterface
    public interface Locator {
        Locator NONE = f -> Optional.empty();

        Optional<SourceLine> locate(Finding finding);
    }

    /** A line of a file, as SARIF's artifact location (relative to {@code %SRCROOT%}) and region. */
    public record SourceLine(String uri, int line) {
        public SourceLine {
            Objects.requireNonNull(uri, "uri");
            if (line < 1) {
                throw new IllegalArgumentException("line must be 1 or more, not " + line);
            }
        }
    }

    static final ObjectWriter COMPACT = Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT);

    private final Locator locator;
    private final int maxResults;
    private final long maxBytes;

    public SarifExporter() {
        this(Locator.NONE);
    }

    public SarifExporter(Locator locator) {
        this(locator, MAX_RESULTS, MAX_BYTES);
    }

    SarifExporter(Locator locator, int maxResults, long maxBytes) {
        this.locator = Objects.requireNonNull(locator, "locator");
        this.maxResults = maxResults;
        this.maxBytes = maxBytes;
    }

    @Override
    public String name() {
        return "sarif";
    }

    @Override
    public String fileName() {
        return "phoenix.sarif";
    }

    @Override
    public void write(Scorecard s, OutputStream out) throws IOException {
        ReportView view = ReportView.of(s);
        ObjectNode log = JsonNodeFactory.instance.objectNode();
        log.put("$schema", SCHEMA);
        log.put("version", "2.1.0");
        ObjectNode run = log.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "Phoenix");
        driver.put("fullName", "Phoenix consistency auditor");
        driver.set("rules", SarifRules.all());
        run.putObject("automationDetails").put("id", "phoenix/" + s.runId());
        ObjectNode invocation = run.putArray("invocations").addObject();
        invocation.put("executionSuccessful", s.complete());
        putIfPresent(invocation, "startTimeUtc", s.startedAt());
        putIfPresent(invocation, "endTimeUtc", s.finishedAt());
        ArrayNode notifications = invocation.putArray("toolExecutionNotifications");
        if (!s.complete()) {
            notifications.add(notification("phoenix/incomplete", "the run was cut short or lost a provider: "
                    + "findings of what could not be observed are missing"));
        }
        ArrayNode logical = run.putArray("logicalLocations");
        ArrayNode results = run.putArray("results");
        ObjectNode properties = run.putObject("properties");
        summary(s, properties);

        long budget = maxBytes - COMPACT.writeValueAsBytes(log).length - RESERVE;
        SarifLocations locations = new SarifLocations(logical);
        int kept = 0;
        for (Finding f : view.findings()) {
            if (kept == maxResults) {
                break;
            }
            ObjectNode result = result(view, f, locations);
            long size = COMPACT.writeValueAsBytes(result).length + 1 + locations.addedBytes();
            if (size > budget) {
                locations.undo();
                break;
            }
            budget -= size;
            results.add(result);
            kept++;
        }
        List<Finding> omitted = view.findings().subList(kept, view.findings().size());
        properties.put("results", kept);
        properties.put("omitted", omitted.size());
        if (!omitted.isEmpty()) {
            ObjectNode byKind = properties.putObject("omittedByKind");
            ReportView.byKind(omitted).forEach((k, n) -> byKind.put(k.name(), n));
            ObjectNode bySeverity = properties.putObject("omittedBySeverity");
            omitted.stream().map(Finding::severity).distinct().sorted()
                    .forEach(sev -> bySeverity.put(sev.name(), omitted.stream().filter(f -> f.severity() == sev).count()));
            notifications.add(notification("phoenix/results-cut", String.format(java.util.Locale.ROOT,
                    "phoenix.sarif lists the %,d most severe of %,d findings (GitHub code scanning takes %,d results per run "
                            + "and %,d bytes per file); %,d left out (%s); scorecard.json has them all", kept, view.findings().size(),
                    maxResults, maxBytes, omitted.size(), ReportView.counts(ReportView.byKind(omitted), FindingKind::name))));
        }
        out.write(COMPACT.writeValueAsBytes(log));
    }

    private ObjectNode result(ReportView view, Finding f, SarifLocations locations) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("ruleId", f.kind().ruleId());
        r.put("ruleIndex", f.kind().ordinal());
        r.put("level", f.severity().sarifLevel());
        r.putObject("message").put("text", message(view, f));
        ObjectNode location = r.putArray("locations").addObject();
        locator.locate(f).ifPresent(line -> {
            ObjectNode physical = location.putObject("physicalLocation");
            physical.putObject("artifactLocation").put("uri", line.uri()).put("uriBaseId", "%SRCROOT%");
            physical.putObject("region").put("startLine", line.line());
        });
        location.putArray("logicalLocations").add(locations.reference(f.group(), f.member(), view.name(f)));
        r.putObject("partialFingerprints").put(FINGERPRINT, f.id());
        ReportView.Since since = view.since(f);
        if (since != null) {
            r.put("baselineState", since == ReportView.Since.NEW ? "new" : "unchanged");
        }
        if (f.waived()) {
            ObjectNode suppression = r.putArray("suppressions").addObject();
            suppression.put("kind", "external");
            suppression.put("status", "accepted");
            putIfPresent(suppression, "justification", f.waiver().justification());
            ObjectNode p = suppression.putObject("properties");
            putIfPresent(p, "by", f.waiver().by());
            putIfPresent(p, "expires", f.waiver().expires());
        }
        // the kind is the rule, group, member and name are the logical location: the properties carry the rest
        ObjectNode p = r.putObject("properties");
        p.put("severity", f.severity().name());
        putIfPresent(p, "account", f.account());
        putIfPresent(p, "region", f.region());
        putIfPresent(p, "fact", f.fact());
        putIfPresent(p, "expected", f.expected());
        putIfPresent(p, "actual", f.actual());
        putIfPresent(p, "change", f.change());
        if (f.waiver() != null && !f.waived()) {
            p.put("waiver", ReportView.waiver(f.waiver()));
        }
        return r;
    }

    /**
     * {@code db-primary (h-1) in group hosts: config.workers: 4 -> 8}: who, where and what; values
     * are clipped here and whole in the result's properties.
     */
    private static String message(ReportView view, Finding f) {
        String where = f.member() == null ? "group " + f.group() : view.who(f) + " in group " + f.group();
        if (f.fact() != null) {
            return where + ": " + ReportView.clip(f.fact(), 500) + ": " + ReportView.clip(ReportView.change(f), 1000);
        }
        String message = ReportView.clip(f.message(), 2000);
        String self = f.member() == null ? "group " + f.group() : view.who(f);
        return message.startsWith(self + " ") ? where + message.substring(self.length()) : where + ": " + message;
    }

    private static void summary(Scorecard s, ObjectNode p) {
        p.put("runId", s.runId());
        p.put("mode", s.mode());
        p.put("complete", s.complete());
        ObjectNode score = p.putObject("score");
        putIfPresent(score, "overall", s.score().overall());
        putIfPresent(score, "consistency", s.score().consistency());
        putIfPresent(score, "reproducibility", s.score().reproducibility());
        putIfPresent(score, "coverage", s.score().coverage());
        putIfPresent(score, "grade", s.score().grade());
        p.put("findings", s.findings().size());
        p.put("waived", s.findings().stream().filter(Finding::waived).count());
        if (s.comparison() != null) {
            p.put("previousRunId", s.comparison().previousRunId());
            p.put("new", s.comparison().newFindings().size());
            p.put("stillOpen", s.comparison().stillOpen().size());
            p.put("resolved", s.comparison().resolved().size());
        }
        p.put("unusedWaivers", s.unusedWaivers().size());
    }

    private static ObjectNode notification(String id, String text) {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("level", "warning");
        n.putObject("message").put("text", text);
        n.putObject("descriptor").put("id", id);
        return n;
    }

    private static void putIfPresent(ObjectNode node, String field, Object value) {
        if (value instanceof Integer i) {
            node.put(field, i);
        } else if (value != null) {
            node.put(field, value.toString());
        }
    }
}
