package dev.phoenix.cli;

import dev.phoenix.baseline.Acceptance;
import dev.phoenix.baseline.BaselineEntry;
import dev.phoenix.baseline.Baselines;
import dev.phoenix.baseline.GroupBaselines;
import dev.phoenix.config.ConfigFileException;
import dev.phoenix.config.PhoenixConfig;
import dev.phoenix.drift.DriftJudge;
import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.Drift;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Mutability;
import dev.phoenix.observe.GroupRuntime;
import dev.phoenix.observe.Observed;
import dev.phoenix.runtime.PhoenixRuntime;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code phoenix baseline capture|show|accept}. */
@Command(name = "baseline", mixinStandardHelpOptions = true,
        description = {"Capture, show or accept baselines.",
                "capture: record the current state as the baseline (all members, a group, or one member).",
                "show: print the stored baselines and the decisions taken on them.",
                "accept: accept drift: a drifted host's current state becomes its baseline; for an immutable group, the "
                        + "given member's state becomes the golden fingerprint. Records who, when, which facts and why."})
final class BaselineCommand implements Callable<Integer> {

    private static final int HISTORY_SHOWN = 20;

    enum Action { capture, show, accept }

    @ParentCommand
    PhoenixCommand parent;

    @Parameters(index = "0", paramLabel = "ACTION", description = "capture, show or accept")
    Action action;

    @Option(names = "--config", required = true, paramLabel = "FILE")
    Path config;

    @Option(names = "--group", paramLabel = "G", description = "Only this group.")
    String group;

    @Option(names = "--member", paramLabel = "ID", description = "Only this member.")
    String member;

    @Option(names = "--by", paramLabel = "NAME", description = "Who accepts (default: $USER).")
    String by;

    @Option(names = "--reason", paramLabel = "TEXT", description = "Why (recorded with the baseline).")
    String reason;

    @Override
    public Integer call() throws Exception {
        App app = parent.app;
        PhoenixConfig cfg;
        PhoenixRuntime runtime;
        try {
            cfg = app.configLoader().load(config);
            if (group != null && cfg.groups().stream().noneMatch(g -> g.name().equals(group))) {
                app.err.println("phoenix: --group: no group named '" + group + "' in " + config + " (groups: "
                        + cfg.groups().stream().map(g -> g.name()).collect(Collectors.joining(", ")) + ")");
                return ExitCode.USAGE;
            }
            runtime = PhoenixRuntime.build(app.platform(), cfg, new PhoenixRuntime.Options(App.randomSeed(), false, w -> { }));
        } catch (ConfigFileException e) {
            return app.configErrors(e);
        }
        Baselines baselines = runtime.stores().baselines();
        try {
            if (action == Action.show) {
                return show(app, cfg, baselines);
            }
            String who = by != null ? by : app.env.getOrDefault("USER", "unknown");
            boolean found = member == null;
            for (GroupRuntime g : runtime.groups()) {
                if (group != null && !g.name().equals(group)) {
                    continue;
                }
                List<Observed> observed;
                try {
                    observed = App.await(runtime.observe(g));
                } catch (Fleet.UnreachableException e) {
                    // groups before this one keep what was saved; nothing of this one changed
                    app.err.println("phoenix: group " + g.name() + ": " + e.getMessage());
                    return ExitCode.UNREACHABLE;
                }
                List<Observed> selected = select(app, observed);
                found |= !selected.isEmpty() || observed.stream().anyMatch(o -> o.member().id().equals(member));
                String target = g.fleet().targetProvenance().orElse(null);
                Instant now = runtime.context().clock().instant();
                Decided decided = App.await(baselines.update(g.name(), b -> decide(g.name(), selected, target, b, who, now)));
                decided.lines().forEach(app.out::println);
                decided.warnings().forEach(app.err::println);
                App.await(baselines.record(g.name(), decided.decisions()));
            }
            if (!found) {
                app.err.println("phoenix: --member: no member '" + member + "' was discovered");
                return ExitCode.USAGE;
            }
            return ExitCode.OK;
        } finally {
            App.await(runtime.close());
        }
    }

    /** What one group's baselines became: the decisions to record and what to tell the user. */
    private record Decided(List<Acceptance> decisions, List<String> lines, List<String> warnings) {
    }

    /** The members the command is about ({@code --member}, or all), without the unreachable ones, which are named. */
    private List<Observed> select(App app, List<Observed> observed) {
        List<Observed> selected = new ArrayList<>();
        for (Observed o : observed) {
            if (member != null && !o.member().id().equals(member)) {
                continue;
            }
            if (!o.reachable()) {
                app.err.printf("warning: %s is unreachable, its baseline is unchanged: %s%n", o.member().id(),
                        o.errors().stream().map(e -> e.cause()).collect(Collectors.joining("; ")));
                continue;
            }
            selected.add(o);
        }
        return selected;
    }

    /** Applies the command to {@code b}; a pure function of {@code b}, so that the writer may apply it again on a conflict. */
    private Decided decide(String groupName, List<Observed> selected, String target, GroupBaselines b, String who, Instant now) {
        List<Acceptance> decisions = new ArrayList<>();
        List<String> lines = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        if (action == Action.capture && member == null) {
            DriftJudge.Captured captured = DriftJudge.capture(selected, target, b, now, who, this::note);
            lines.add(String.format(Locale.ROOT, "%s: captured %d member baselines and %d golden fingerprints", groupName,
                    captured.members(), captured.goldens()));
            decisions.add(new Acceptance(now, who, Acceptance.Action.CAPTURE, groupName,
                    Acceptance.Subject.group(captured.members(), captured.goldens()), null, null, List.of(), reason));
            return new Decided(decisions, lines, warnings);
        }
        Acceptance.Action act = action == Action.accept ? Acceptance.Action.ACCEPT : Acceptance.Action.CAPTURE;
        for (Observed o : selected) {
            String id = o.member().id();
            Fingerprint fp = o.fingerprint();
            if (o.member().mutability() == Mutability.MUTABLE) {
                List<Drift> drift = b.member(id).map(c -> c.fingerprint().diff(fp)).orElse(List.of());
                if (action == Action.accept && drift.isEmpty() && b.member(id).isPresent()) {
                    lines.add(String.format(Locale.ROOT, "%s: %s has not drifted from its baseline; nothing to accept", groupName, id));
                    continue;
                }
                String before = b.member(id).map(c -> c.entry().digest()).orElse(null);
                b.putMember(id, fp, o.member().provenance(), now, who, note(describe(drift)));
                decisions.add(new Acceptance(now, who, act, groupName, Acceptance.Subject.member(id), before, fp.digest(), drift, reason));
                lines.add(String.format(Locale.ROOT, "%s: %s baseline of %s%s", groupName, action == Action.accept ? "accepted" : "captured",
                        id, drift.isEmpty() ? "" : " (" + drift.size() + " facts: " + Summary.drift(drift) + ")"));
            } else if (member != null) {
                String provenance = o.member().provenance();
                List<Drift> drift = b.golden(provenance).map(c -> c.fingerprint().diff(fp)).orElse(List.of());
                String before = b.golden(provenance).map(c -> c.entry().digest()).orElse(null);
                b.putGolden(fp, provenance, now, who, note("golden taken from " + id + "; " + describe(drift)));
                decisions.add(new Acceptance(now, who, act, groupName, Acceptance.Subject.golden(provenance, id), before, fp.digest(),
                        drift, reason));
                lines.add(String.format(Locale.ROOT, "%s: %s's state is now the golden fingerprint for %s%s", groupName, id,
                        provenance.isEmpty() ? "the group" : provenance, drift.isEmpty() ? "" : " (" + drift.size() + " facts changed)"));
            } else {
                warnings.add("warning: " + id + " is immutable; accept a golden fingerprint with --member <id>");
                break;
            }
        }
        return new Decided(decisions, lines, warnings);
    }

    private String note(String what) {
        return reason == null ? what : what + "; " + reason;
    }

    private static String describe(List<Drift> drift) {
        return drift.isEmpty() ? "no drift" : "accepted drift: " + drift.stream().map(Drift::fact).collect(Collectors.joining(", "));
    }

    private int show(App app, PhoenixConfig cfg, Baselines baselines) throws Exception {
        List<String> names = group != null ? List.of(group) : cfg.groups().stream().map(g -> g.name()).toList();
        for (String name : names) {
            GroupBaselines b = App.await(baselines.read(name));
            app.out.printf("group %s%s%n", name, b.currentProvenance() == null ? "" : " (current provenance " + b.currentProvenance() + ")");
            if (b.members().isEmpty() && b.goldens().isEmpty()) {
                app.out.println("  no baselines yet (run phoenix audit or phoenix baseline capture)");
            }
            for (Map.Entry<String, BaselineEntry> e : b.goldens().entrySet()) {
                line(app, "golden " + (e.getKey().isEmpty() ? "(any)" : e.getKey()), e.getValue());
            }
            for (Map.Entry<String, BaselineEntry> e : b.members().entrySet()) {
                if (member == null || member.equals(e.getKey())) {
                    line(app, "member " + e.getKey(), e.getValue());
                }
            }
            if (member != null) {
                b.member(member).ifPresent(c -> c.fingerprint().facts().forEach((k, v) -> app.out.printf("    %s = %s%n", k, v)));
            }
            List<Acceptance> history = App.await(baselines.decisions(name)).stream()
                    .filter(a -> member == null || a.subject().concerns(member))
                    .toList();
            if (!history.isEmpty()) {
                int from = Math.max(0, history.size() - HISTORY_SHOWN);
                app.out.printf("  decisions (%s%d, oldest first):%n", from > 0 ? "last " + HISTORY_SHOWN + " of " : "", history.size());
                for (Acceptance a : history.subList(from, history.size())) {
                    app.out.printf(Locale.ROOT, "    %s  %-8s %-8s %s%s%s%n", a.at(), a.by(), a.action().label(), a.subject(),
                            a.drift().isEmpty() ? "" : " (" + a.drift().size() + " facts: " + Summary.drift(a.drift()) + ")",
                            a.reason() == null ? "" : "; " + a.reason());
                }
            }
        }
        return ExitCode.OK;
    }

    private static void line(App app, String what, BaselineEntry e) {
        app.out.printf(Locale.ROOT, "  %-28s %s  %s  by %s  %s%n", what, e.digest().substring(0, 12), e.capturedAt(),
                e.acceptedBy(), e.reason() == null ? "" : e.reason());
    }
}
