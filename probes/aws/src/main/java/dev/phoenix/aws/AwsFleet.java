package dev.phoenix.aws;

import dev.phoenix.fleet.Fleet;
import dev.phoenix.model.ChaosOptIn;
import dev.phoenix.model.Member;
import dev.phoenix.model.Mutability;
import dev.phoenix.spi.ConfigException;
import dev.phoenix.spi.Errors;
import dev.phoenix.spi.Poll;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.autoscaling.model.LaunchTemplateSpecification;
import software.amazon.awssdk.services.autoscaling.model.LifecycleState;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstancesResponse;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateVersion;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * The members of an Auto Scaling group ({@code aws-asg}) or of a tag/state filter over EC2
 * instances ({@code aws-ec2}). Discovery is paginated and batched; replacing a member of an
 * Auto Scaling group terminates it without decrementing the desired capacity and waits (with a
 * deadline and backoff) for a new InService instance; a standalone immutable instance is
 * relaunched from its launch template first and terminated only once the new instance runs (when
 * that fails, the new instance is terminated again and the victim is left alone). Nothing is
 * terminated once the replace's deadline has passed: the engine has given up on it by then.
 */
final class AwsFleet implements Fleet {

    private static final Logger LOG = LoggerFactory.getLogger(AwsFleet.class);
    /** Instance ids per DescribeInstances call. */
    static final int IDS_PER_CALL = 200;
    /** Longest wait between two polls while waiting for a replacement. */
    private static final Duration MAX_POLL = Duration.ofSeconds(15);

    /**
     * What to discover.
     *
     * @param autoScalingGroup the group's name ({@code aws-asg}), or null for a filter ({@code aws-ec2})
     * @param tags             tag filters: key to value, {@code *} for any value
     * @param ids              instance ids ({@code aws-ec2} only); empty for all that match the tags
     * @param states           EC2 instance states to include
     * @param path             the source's config path, for errors
     */
    record Source(String autoScalingGroup, Map<String, String> tags, List<String> ids, List<String> states,
                  Duration pollInterval, String path) {
        Source {
            tags = Map.copyOf(tags);
            ids = List.copyOf(ids);
            states = List.copyOf(states);
        }
    }

    private final String group;
    private final Optional<Mutability> groupMutability;
    private final ChaosOptIn optIn;
    private final Source source;
    private final AwsSettings settings;
    private final AwsTarget target;
    private final ProviderContext ctx;
    /** The account (EC2's reservation owner) of each instance described, for members of the credentials' own account. */
    private final Map<String, String> owners = new java.util.concurrent.ConcurrentHashMap<>();
    /** DescribeInstances page size for tag-filtered discovery: the API's largest, 1,000; smaller in tests. */
    private int pageSize = 1000;
    private volatile AwsClients clients;
    private volatile String targetProvenance;
    private volatile Integer desiredCapacity;

    AwsFleet(String group, Optional<Mutability> groupMutability, ChaosOptIn optIn, Source source, AwsSettings settings,
             ProviderContext ctx) {
        this(group, groupMutability, optIn, source, settings, AwsTarget.own(settings.region()), ctx);
    }

    /** The group's members in one account and region. */
    AwsFleet(String group, Optional<Mutability> groupMutability, ChaosOptIn optIn, Source source, AwsSettings settings,
             AwsTarget target, ProviderContext ctx) {
        this.group = group;
        this.groupMutability = groupMutability;
        this.optIn = optIn;
        this.source = source;
        this.settings = settings;
        this.target = target;
        this.ctx = ctx;
    }

    AwsTarget target() {
        return target;
    }

    /** The member for {@code i}, with the account and region it lives in. */
    private Member member(Instance i, String memberGroup, String launchConfiguration) {
        String account = target.accountId().orElse(owners.get(i.instanceId()));
        return Instances.member(i, memberGroup, groupMutability, optIn, launchConfiguration, account, target.region());
    }

    @Override
    public String provider() {
        return "aws";
    }

    @Override
    public Optional<String> targetProvenance() {
        return Optional.ofNullable(targetProvenance);
    }

    /** An Auto Scaling group's desired capacity, as the last discovery read it. */
    @Override
    public Optional<Integer> expectedSize() {
        return Optional.ofNullable(desiredCapacity);
    }

    @Override
    public Future<List<Member>> discover() {
        Future<List<Member>> members = source.autoScalingGroup() != null ? discoverGroup() : discoverFiltered();
        return members.recover(e -> Future.failedFuture(discoveryFailure(e)));
    }

    private Future<List<Member>> discoverGroup() {
        String name = source.autoScalingGroup();
        return describeGroup(name).compose(g -> {
            if (g == null) {
                return Future.failedFuture(new ConfigException(source.path(), "no Auto Scaling group named '" + name
                        + "' in " + describe()));
            }
            Map<String, String> launchConfigurations = new HashMap<>();
            List<String> ids = new ArrayList<>();
            for (var i : g.instances()) {
                if (i.lifecycleState() == LifecycleState.IN_SERVICE) {
                    ids.add(i.instanceId());
                    if (i.launchConfigurationName() != null) {
                        launchConfigurations.put(i.instanceId(), i.launchConfigurationName());
                    }
                }
            }
            desiredCapacity = g.desiredCapacity();
            return resolveTarget(g).compose(t -> {
                targetProvenance = t;
                // every member the group lists, whatever its state: one that is stopped, or that EC2 does not know, is
                // a member that is down, not one that was never there
                return describeKnown(ids, tagFilters());
            }).map(known -> {
                Map<String, Member> byId = new HashMap<>();
                for (Instance i : known) {
                    Member m = member(i, group, launchConfigurations.get(i.instanceId()));
                    String state = i.state() == null ? "in no state" : i.state().nameAsString();
                    byId.put(i.instanceId(), source.states().isEmpty() || source.states().contains(state) ? m
                            : m.notInService("instance " + i.instanceId() + " is " + state + " although Auto Scaling group " + name
                                    + " lists it InService"));
                }
                List<Member> members = new ArrayList<>();
                for (String id : ids) {
                    members.add(byId.getOrDefault(id, Instances.unknown(id, group, name)));
                }
                return members;
            });
        });
    }

    /**
     * The instances with these ids that EC2 knows: an id it does not know (InvalidInstanceID.NotFound)
     * is left out and the others are asked again, so that one stale id never hides the rest.
     */
    private Future<List<Instance>> describeKnown(List<String> ids, List<Filter> filters) {
        return describeInstances(ids, filters).recover(e -> {
            Throwable cause = e instanceof AwsCallException ace ? ace.getCause() : e;
            if (!AwsErrors.notFound(cause, "InvalidInstanceID.NotFound")) {
                return Future.failedFuture(e);
            }
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("i-[0-9a-f]+").matcher(String.valueOf(Errors.unwrap(cause).getMessage()));
            Set<String> unknown = new HashSet<>();
            while (m.find()) {
                unknown.add(m.group());
            }
            List<String> rest = ids.stream().filter(id -> !unknown.contains(id)).toList();
            if (unknown.isEmpty() || rest.size() == ids.size()) {
                return Future.failedFuture(e);
            }
            LOG.warn("group {}: EC2 does not know {}, listed by the Auto Scaling group", group, unknown);
            return describeKnown(rest, filters);
        });
    }

    private Future<List<Member>> discoverFiltered() {
        List<Filter> filters = filters();
        Future<List<Instance>> instances = source.ids().isEmpty()
                ? describePages(DescribeInstancesRequest.builder().filters(filters).maxResults(pageSize).build(), new ArrayList<>())
                : describeInstances(source.ids(), filters);
        return instances.map(list -> list.stream().map(i -> member(i, group, null)).toList());
    }

    /** Pages of {@code size} instances in tag-filtered discovery (5 to 1,000, as the API allows): for tests. */
    AwsFleet pageSize(int size) {
        this.pageSize = size;
        return this;
    }

    @Override
    public Future<Member> replace(Member victim, Duration timeout) {
        long deadline = ctx.clock().millis() + timeout.toMillis();
        String asg = victim.attribute("autoScalingGroup");
        if (asg != null) {
            return replaceInGroup(victim, asg, deadline);
        }
        if (!victim.immutable()) {
            return Future.failedFuture("not replacing " + victim.id() + ": it is a mutable standalone instance");
        }
        return relaunch(victim, deadline);
    }

    // ---- Auto Scaling group members

    private Future<Member> replaceInGroup(Member victim, String asg, long deadline) {
        return describeGroup(asg).compose(g -> {
            if (g == null) {
                return Future.failedFuture("Auto Scaling group " + asg + " of " + victim.id() + " no longer exists");
            }
            Set<String> before = g.instances().stream().map(i -> i.instanceId()).collect(Collectors.toCollection(HashSet::new));
            before.add(victim.id());
            return beforeDeadline(deadline, "terminating " + victim.id())
                    .compose(ok -> {
                        LOG.info("terminating {} in Auto Scaling group {} (desired capacity kept)", victim.id(), asg);
                        return clients().call(c -> c.autoScaling().terminateInstanceInAutoScalingGroup(r -> r
                                .instanceId(victim.id()).shouldDecrementDesiredCapacity(false)));
                    })
                    .recover(e -> Future.failedFuture(e instanceof DeadlinePassed ? e
                            : new IllegalStateException("TerminateInstanceInAutoScalingGroup " + victim.id() + ": " + AwsErrors.describe(e))))
                    .compose(v -> awaitGroupReplacement(victim, asg, before, deadline));
        });
    }

    private Future<Member> awaitGroupReplacement(Member victim, String asg, Set<String> excluded, long deadline) {
        return Poll.until(ctx, deadline, source.pollInterval(), MAX_POLL, () -> describeGroup(asg).compose(g -> {
            if (g == null) {
                return Future.failedFuture("Auto Scaling group " + asg + " disappeared while replacing " + victim.id());
            }
            List<String> fresh = new ArrayList<>();
            String seen = "no new instance yet";
            String lc = null;
            for (var i : g.instances()) {
                if (excluded.contains(i.instanceId())) {
                    continue;
                }
                seen = i.instanceId() + " is " + i.lifecycleStateAsString();
                if (i.lifecycleState() == LifecycleState.IN_SERVICE) {
                    fresh.add(i.instanceId());
                    lc = i.launchConfigurationName();
                }
            }
            if (fresh.isEmpty()) {
                return Future.succeededFuture(Poll.<Member>pending(seen));
            }
            String launchConfiguration = lc;
            return describeInstances(fresh.subList(0, 1), List.of()).map(found -> {
                Optional<Instance> running = found.stream()
                        .filter(i -> i.state() != null && i.state().name() == InstanceStateName.RUNNING).findFirst();
                if (running.isEmpty()) {
                    return Poll.<Member>pending(fresh.get(0) + " is InService but not running yet");
                }
                LOG.info("replacement of {} is {}", victim.id(), running.get().instanceId());
                return Poll.done(member(running.get(), victim.group(), launchConfiguration));
            });
        })).recover(Poll.expired(last -> "no replacement for " + victim.id() + " was InService in Auto Scaling group " + asg
                + " before the deadline (" + last + ")"));
    }

    // ---- standalone immutable instances

    private Future<Member> relaunch(Member victim, long deadline) {
        String templateId = victim.attribute("launchTemplateId");
        String version = victim.attribute("launchTemplateVersion");
        if (templateId == null || version == null) {
            return Future.failedFuture("cannot relaunch " + victim.id() + ": it was not launched from a launch template "
                    + "(no " + Instances.LT_ID_TAG + " tag), so there is nothing to rebuild it from");
        }
        List<Tag> tags = new ArrayList<>();
        victim.attributes().forEach((k, v) -> {
            if (k.startsWith("tag:") && !k.startsWith("tag:aws:")) {
                tags.add(Tag.builder().key(k.substring(4)).value(v).build());
            }
        });
        return clients().call(c -> c.ec2().describeLaunchTemplateVersions(r -> r.launchTemplateId(templateId).versions(version)))
                .recover(e -> Future.failedFuture("DescribeLaunchTemplateVersions " + templateId + ":" + version + ": "
                        + AwsErrors.describe(e)))
                .compose(versions -> {
                    if (!versions.hasLaunchTemplateVersions() || versions.launchTemplateVersions().isEmpty()) {
                        return Future.failedFuture("cannot relaunch " + victim.id() + ": launch template " + templateId
                                + " has no version " + version);
                    }
                    LaunchTemplateVersion v = versions.launchTemplateVersions().get(0);
                    boolean templateNetworking = v.launchTemplateData() != null && v.launchTemplateData().hasNetworkInterfaces()
                            && !v.launchTemplateData().networkInterfaces().isEmpty();
                    String subnet = templateNetworking ? null : victim.attribute("subnetId");
                    return beforeDeadline(deadline, "launching a replacement for " + victim.id()).compose(ok -> {
                        LOG.info("relaunching standalone {} from {}:{}; it is terminated once the new instance runs", victim.id(),
                                templateId, version);
                        return clients().call(c -> c.ec2().runInstances(r -> {
                                    r.launchTemplate(lt -> lt.launchTemplateId(templateId).version(version))
                                            .minCount(1).maxCount(1);
                                    if (subnet != null) {
                                        r.subnetId(subnet);
                                    }
                                    if (!tags.isEmpty()) {
                                        r.tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE).tags(tags).build());
                                    }
                                }))
                                .recover(e -> Future.failedFuture("RunInstances from " + templateId + ":" + version + " to replace "
                                        + victim.id() + ": " + AwsErrors.describe(e) + " (" + victim.id() + " is untouched)"))
                                .compose(run -> {
                                    String fresh = run.instances().get(0).instanceId();
                                    return awaitRunning(victim, fresh, deadline)
                                            .compose(replacement -> beforeDeadline(deadline, "terminating " + victim.id()).map(replacement))
                                            .recover(e -> rollBack(fresh, victim, e))
                                            .compose(replacement -> {
                                                LOG.info("{} runs: terminating standalone {}", fresh, victim.id());
                                                // no roll-back past this point: a termination whose answer was lost may still happen
                                                return clients().call(c -> c.ec2().terminateInstances(r -> r.instanceIds(victim.id())))
                                                        .recover(e -> Future.failedFuture("TerminateInstances " + victim.id() + ": "
                                                                + AwsErrors.describe(e) + " (its replacement " + fresh + " runs)"))
                                                        .map(terminated -> replacement);
                                            });
                                });
                    });
                });
    }

    /**
     * The replace failed after {@code fresh} was launched and before the victim was asked to terminate:
     * terminates the instance this replace launched, so that the fleet is as it was, and fails with {@code cause}.
     */
    private Future<Member> rollBack(String fresh, Member victim, Throwable cause) {
        LOG.warn("relaunching {} failed ({}): terminating {}, the instance launched to replace it; {} is untouched", victim.id(),
                Errors.message(cause), fresh, victim.id());
        return clients().call(c -> c.ec2().terminateInstances(r -> r.instanceIds(fresh)))
                .transform(ar -> Future.failedFuture(new IllegalStateException(Errors.message(cause) + "; " + victim.id()
                        + " is untouched and " + fresh + (ar.succeeded() ? " was terminated again"
                        : " could not be terminated (" + AwsErrors.describe(ar.cause()) + "): terminate it by hand"))));
    }

    /** Fails when the replace's deadline has passed: the engine has given up on it, so nothing may be destroyed any more. */
    private Future<Void> beforeDeadline(long deadline, String what) {
        long late = ctx.clock().millis() - deadline;
        return late < 0 ? Future.succeededFuture()
                : Future.failedFuture(new DeadlinePassed("not " + what + ": the replace deadline passed " + late + " ms ago"));
    }

    private Future<Member> awaitRunning(Member victim, String id, long deadline) {
        return Poll.until(ctx, deadline, source.pollInterval(), MAX_POLL, () -> describeInstances(List.of(id), List.of()).map(found -> {
            Instance i = found.isEmpty() ? null : found.get(0);
            if (i != null && i.state() != null && i.state().name() == InstanceStateName.RUNNING) {
                return Poll.done(member(i, victim.group(), null));
            }
            return Poll.<Member>pending(i == null ? id + " is not listed yet" : id + " is " + (i.state() == null ? "in no state" : i.state().nameAsString()));
        })).recover(Poll.expired(last -> "relaunched " + id + " (replacing " + victim.id() + ") was not running before the deadline"));
    }

    // ---- API calls

    private Future<AutoScalingGroup> describeGroup(String name) {
        return clients().call(c -> c.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)))
                .map(resp -> resp.autoScalingGroups().stream().filter(g -> g.autoScalingGroupName().equals(name))
                        .findFirst().orElse(null))
                .recover(e -> Future.failedFuture(new AwsCallException("DescribeAutoScalingGroups " + name, e)));
    }

    /**
     * What the group launches now: {@code ami-… lt-…:N} with {@code $Latest}/{@code $Default}
     * resolved to a version number, {@code ami-… lc:NAME}, or null when it cannot tell.
     */
    private Future<String> resolveTarget(AutoScalingGroup g) {
        LaunchTemplateSpecification spec = g.launchTemplate();
        if (spec == null && g.mixedInstancesPolicy() != null && g.mixedInstancesPolicy().launchTemplate() != null) {
            spec = g.mixedInstancesPolicy().launchTemplate().launchTemplateSpecification();
        }
        if (spec != null) {
            LaunchTemplateSpecification s = spec;
            String version = s.version() == null || s.version().isEmpty() ? "$Default" : s.version();
            return clients().call(c -> c.ec2().describeLaunchTemplateVersions(r -> {
                        if (s.launchTemplateId() != null) {
                            r.launchTemplateId(s.launchTemplateId());
                        } else {
                            r.launchTemplateName(s.launchTemplateName());
                        }
                        r.versions(version);
                    }))
                    .map(resp -> {
                        if (!resp.hasLaunchTemplateVersions() || resp.launchTemplateVersions().isEmpty()) {
                            return null;
                        }
                        LaunchTemplateVersion v = resp.launchTemplateVersions().get(0);
                        String image = v.launchTemplateData() == null || v.launchTemplateData().imageId() == null ? ""
                                : v.launchTemplateData().imageId();
                        return image + " " + v.launchTemplateId() + ":" + v.versionNumber();
                    })
                    .recover(e -> {
                        LOG.warn("group {}: cannot resolve the launch template of {}: {}", group, g.autoScalingGroupName(),
                                AwsErrors.describe(e));
                        return AwsErrors.unreachable(e) ? Future.failedFuture(e) : Future.succeededFuture(null);
                    });
        }
        if (g.launchConfigurationName() != null) {
            String lc = g.launchConfigurationName();
            return clients().call(c -> c.autoScaling().describeLaunchConfigurations(r -> r.launchConfigurationNames(lc)))
                    .map(resp -> resp.launchConfigurations().isEmpty() ? null
                            : resp.launchConfigurations().get(0).imageId() + " lc:" + lc)
                    .otherwise(e -> null);
        }
        return Future.succeededFuture(null);
    }

    /** The configured states and tags as DescribeInstances filters. */
    private List<Filter> filters() {
        List<Filter> filters = new ArrayList<>();
        if (!source.states().isEmpty()) {
            filters.add(Filter.builder().name("instance-state-name").values(source.states()).build());
        }
        filters.addAll(tagFilters());
        return filters;
    }

    /** The configured tags as DescribeInstances filters. */
    private List<Filter> tagFilters() {
        List<Filter> filters = new ArrayList<>();
        source.tags().forEach((k, v) -> filters.add(v.equals("*")
                ? Filter.builder().name("tag-key").values(k).build()
                : Filter.builder().name("tag:" + k).values(v).build()));
        return filters;
    }

    /** The instances with these ids, in batches; never asks without ids (which would list every instance). */
    private Future<List<Instance>> describeInstances(List<String> ids, List<Filter> filters) {
        if (ids.isEmpty()) {
            return Future.succeededFuture(List.of());
        }
        List<Instance> out = new ArrayList<>();
        Future<List<Instance>> chain = Future.succeededFuture(out);
        for (int from = 0; from < ids.size(); from += IDS_PER_CALL) {
            List<String> batch = ids.subList(from, Math.min(ids.size(), from + IDS_PER_CALL));
            chain = chain.compose(acc -> describePages(DescribeInstancesRequest.builder().instanceIds(batch).filters(filters).build(), acc));
        }
        // DescribeInstances answers in its own order; keep the group's
        Map<String, Integer> order = new LinkedHashMap<>();
        for (int i = 0; i < ids.size(); i++) {
            order.putIfAbsent(ids.get(i), i);
        }
        return chain.map(list -> list.stream()
                .sorted(java.util.Comparator.comparingInt(i -> order.getOrDefault(i.instanceId(), Integer.MAX_VALUE)))
                .toList());
    }

    private Future<List<Instance>> describePages(DescribeInstancesRequest request, List<Instance> acc) {
        return clients().call(c -> c.ec2().describeInstances(request))
                .recover(e -> Future.failedFuture(new AwsCallException("DescribeInstances", e)))
                .compose((DescribeInstancesResponse resp) -> {
                    for (Reservation r : resp.reservations()) {
                        acc.addAll(r.instances());
                        if (r.ownerId() != null) {
                            r.instances().forEach(i -> owners.put(i.instanceId(), r.ownerId()));
                        }
                    }
                    String token = resp.nextToken();
                    return token == null || token.isEmpty() ? Future.succeededFuture(acc)
                            : describePages(request.toBuilder().nextToken(token).build(), acc);
                });
    }

    private Throwable discoveryFailure(Throwable e) {
        if (e instanceof ConfigException || e instanceof UnreachableException) {
            return e;
        }
        Throwable cause = e instanceof AwsCallException ace ? ace.getCause() : e;
        String call = e instanceof AwsCallException ace ? ace.call + ": " : "";
        if (AwsErrors.unreachable(cause)) {
            return new UnreachableException("AWS (" + describe() + ") cannot be reached: " + call
                    + AwsErrors.describe(cause), null);
        }
        return new IllegalStateException(call + AwsErrors.describe(cause) + " (" + describe() + ")");
    }

    private AwsClients clients() {
        AwsClients c = clients;
        if (c == null) {
            c = AwsClients.shared(ctx, settings, target);
            clients = c;
        }
        return c;
    }

    /** The settings' description, with the account and region when they are not the settings' own. */
    private String describe() {
        return target.equals(AwsTarget.own(settings.region())) ? settings.describe() : target.describe() + ", " + settings.describe();
    }

    /** The replace was given up on before anything was destroyed. */
    static final class DeadlinePassed extends IllegalStateException {
        private static final long serialVersionUID = 1L;

        DeadlinePassed(String message) {
            super(message);
        }
    }

    /** A failed call with the name of the API operation, for messages. */
    static final class AwsCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String call;

        AwsCallException(String call, Throwable cause) {
            super(call + ": " + AwsErrors.describe(cause), Errors.unwrap(cause), false, false);
            this.call = call;
        }
    }
}
