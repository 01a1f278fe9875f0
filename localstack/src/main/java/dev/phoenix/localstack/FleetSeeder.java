package dev.phoenix.localstack;

import dev.phoenix.aws.AwsClients;
import dev.phoenix.aws.AwsSettings;
import dev.phoenix.aws.AwsErrors;
import dev.phoenix.fleet.Fleet;
import io.vertx.core.Future;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.autoscaling.model.Tag;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.TagSpecification;

/**
 * Creates the demo hybrid fleet in any LocalStack-compatible endpoint (or a real account, if
 * pointed at one): a VPC, a subnet and a security group; a launch template (IMDSv2, user data,
 * the chaos opt-in tag) and an Auto Scaling group of immutable instances launched from it; and
 * a few mutable standalone instances. Every resource is named and tagged with a run id, so that
 * several seeded fleets can share one emulator.
 *
 * <pre>{@code
 * new FleetSeeder(clients).seed(FleetSeeder.Options.of("demo1"))
 *     .onSuccess(fleet -> Files.writeString(path, fleet.config(endpoint)));
 * }</pre>
 */
public final class FleetSeeder {

    private static final Logger LOG = LoggerFactory.getLogger(FleetSeeder.class);
    /** Tag every seeded resource carries, with the run id as its value. */
    public static final String RUN_TAG = "phoenix:run";

    /**
     * @param runId        names and tags every resource ({@code phoenix-<runId>-web}); letters, digits and '-'
     * @param asgSize      members of the Auto Scaling group
     * @param standalone   mutable standalone instances
     * @param imageId      the AMI; null picks the first one the endpoint lists for owner {@code amazon}
     * @param instanceTags extra tags on every seeded instance (tests point the http probe at loopback servers with them)
     */
    public record Options(String runId, int asgSize, int standalone, String imageId, Map<String, String> instanceTags) {
        public Options {
            Objects.requireNonNull(runId, "runId");
            if (!runId.matches("[A-Za-z0-9-]{1,40}")) {
                throw new IllegalArgumentException("a run id is 1-40 letters, digits or '-', found '" + runId + "'");
            }
            instanceTags = Map.copyOf(instanceTags);
        }

        public static Options of(String runId) {
            return new Options(runId, 3, 3, null, Map.of());
        }

        public Options withInstanceTags(Map<String, String> tags) {
            return new Options(runId, asgSize, standalone, imageId, tags);
        }
    }

    /**
     * What was created.
     *
     * @param autoScalingGroup the Auto Scaling group's name
     * @param launchTemplateId the launch template its members are launched from ({@code $Default} version)
     * @param standalone       ids of the standalone instances
     */
    public record SeededFleet(String runId, String region, String vpcId, String subnetId, String securityGroupId,
                              String imageId, String launchTemplateId, String autoScalingGroup, List<String> standalone) {
        public SeededFleet {
            standalone = List.copyOf(standalone);
        }

        /** Name of the group of standalone instances in the written config. */
        public String standaloneRole() {
            return "db";
        }

        /** A ready-to-run Phoenix config for this fleet at {@code endpoint}. */
        public String config(String endpoint) {
            return """
                    # Written by `phoenix localstack seed` for the fleet seeded with run id %1$s.
                    # Run it with: phoenix audit --config <this file> --chaos --unleash
                    store: .phoenix-%1$s                # baselines and the chaos ledger, next to this file
                    aws: {region: %2$s, endpoint: "%3$s"}
                    probing:
                      targets: loopback   # the addresses an emulator reports for instances are not real: never contact them
                    groups:
                      - name: web                        # immutable: members of an Auto Scaling group
                        source: {aws-asg: %4$s}
                        probes: [aws-instance]
                      - name: db                         # mutable standalone instances, found by tags
                        source: {aws-ec2: {tags: {"%5$s": "%1$s", role: db}, states: [running]}}
                        probes: [aws-instance]
                    # Host-side probes work the same way once the addresses are reachable, e.g.
                    #   - {http: {url: "http://{privateIp}:8080/config"}}
                    #   - {ssm-command: {name: app-conf, commands: ["sha256sum /etc/app.conf"]}}
                    chaos:
                      enabled: true
                      max-per-group: 1
                      min-healthy: 66%%
                      replace-timeout: 2m
                    report: {formats: [json, html, junit], dir: phoenix-reports-%1$s}
                    """.formatted(runId, region, endpoint, autoScalingGroup, RUN_TAG);
        }
    }

    private final AwsClients aws;

    public FleetSeeder(AwsClients aws) {
        this.aws = aws;
    }

    /**
     * A seeder for the emulator at {@code endpoint} (null: {@code AWS_ENDPOINT_URL}, else
     * {@code http://127.0.0.1:4566}) in {@code region} (null: {@code AWS_REGION}, else
     * {@code AWS_DEFAULT_REGION}, else {@code us-east-1}), read like a config's {@code aws:}
     * section so that the environment counts the same way.
     *
     * @throws dev.phoenix.spi.ConfigException naming {@code aws.endpoint} or {@code aws.region}
     */
    public static FleetSeeder forEmulator(dev.phoenix.spi.ProviderContext ctx, String endpoint, String region) {
        return forEmulator(ctx, endpoint, region, null);
    }

    /**
     * A seeder as above, in account {@code account} (null: the credentials' own) by assuming its role
     * {@code arn:aws:iam::<account>:role/PhoenixAudit}, as Phoenix does for {@code aws.accounts}: the
     * emulator keeps each account's resources apart.
     */
    public static FleetSeeder forEmulator(dev.phoenix.spi.ProviderContext ctx, String endpoint, String region, String account) {
        Map<String, Object> section = new java.util.LinkedHashMap<>();
        if (endpoint != null) {
            section.put("endpoint", endpoint);
        } else if (ctx.env().get("AWS_ENDPOINT_URL") == null || ctx.env().get("AWS_ENDPOINT_URL").isBlank()) {
            section.put("endpoint", "http://127.0.0.1:4566");
        }
        if (region != null) {
            section.put("region", region);
        }
        section.put("max-attempts", 3);
        section.put("timeout", "30s");
        if (account != null) {
            section.put("accounts", List.of(Map.of("id", account, "role", "arn:aws:iam::" + account + ":role/PhoenixAudit")));
        }
        AwsSettings settings = AwsSettings.parse(dev.phoenix.spi.Settings.of("aws", section), ctx.env());
        if (account == null) {
            return new FleetSeeder(AwsClients.shared(ctx, settings));
        }
        return new FleetSeeder(AwsClients.shared(ctx, settings,
                dev.phoenix.aws.AwsTarget.of(settings.account(account).orElseThrow(), settings.region())));
    }

    /** The endpoint seeded. */
    public java.net.URI endpoint() {
        return aws.settings().endpoint().orElseThrow();
    }

    /** The region seeded. */
    public String region() {
        return aws.settings().region();
    }

    public Future<SeededFleet> seed(Options o) {
        return aws.ready().compose(v -> seedReady(o));
    }

    private Future<SeededFleet> seedReady(Options o) {
        String prefix = "phoenix-" + o.runId();
        Map<String, String> runTags = Map.of(RUN_TAG, o.runId());
        Seeding s = new Seeding();
        return step("CreateVpc", aws.call(c -> c.ec2().createVpc(r -> r.cidrBlock("10.77.0.0/16")
                        .tagSpecifications(tags(ResourceType.VPC, runTags, prefix)))))
                .compose(vpc -> {
                    s.vpc = vpc.vpc().vpcId();
                    return step("CreateSubnet", aws.call(c -> c.ec2().createSubnet(r -> r.vpcId(s.vpc).cidrBlock("10.77.1.0/24")
                            .tagSpecifications(tags(ResourceType.SUBNET, runTags, prefix)))));
                })
                .compose(subnet -> {
                    s.subnet = subnet.subnet().subnetId();
                    return step("CreateSecurityGroup", aws.call(c -> c.ec2().createSecurityGroup(r -> r.vpcId(s.vpc)
                            .groupName(prefix + "-web").description("Phoenix demo fleet " + o.runId())
                            .tagSpecifications(tags(ResourceType.SECURITY_GROUP, runTags, prefix + "-web")))));
                })
                .compose(sg -> {
                    s.sg = sg.groupId();
                    return o.imageId() != null ? Future.succeededFuture(o.imageId()) : pickImage();
                })
                .compose(image -> {
                    s.image = image;
                    Map<String, String> instanceTags = new LinkedHashMap<>(runTags);
                    instanceTags.put("phoenix:chaos", "opt-in");
                    instanceTags.put("role", "web");
                    instanceTags.put("Name", prefix + "-web");
                    instanceTags.putAll(o.instanceTags());
                    String userData = Base64.getEncoder().encodeToString(("#!/bin/sh\n# phoenix demo web member\n"
                            + "echo 'workers=4' > /etc/app.conf\n").getBytes(StandardCharsets.UTF_8));
                    return step("CreateLaunchTemplate", aws.call(c -> c.ec2().createLaunchTemplate(r -> r
                            .launchTemplateName(prefix + "-web")
                            .tagSpecifications(tags(ResourceType.LAUNCH_TEMPLATE, runTags, prefix + "-web"))
                            .launchTemplateData(d -> d.imageId(image).instanceType("t3.micro").securityGroupIds(s.sg)
                                    .userData(userData)
                                    .metadataOptions(m -> m.httpTokens("required").httpEndpoint("enabled"))
                                    .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(ec2Tags(instanceTags)))))));
                })
                .compose(lt -> {
                    s.launchTemplate = lt.launchTemplate().launchTemplateId();
                    String asg = prefix + "-web";
                    // $Default: "publish a new version" means making it the default (see README for why not $Latest)
                    return step("CreateAutoScalingGroup", aws.call(c -> c.autoScaling().createAutoScalingGroup(r -> r
                            .autoScalingGroupName(asg)
                            .launchTemplate(l -> l.launchTemplateId(s.launchTemplate).version("$Default"))
                            .minSize(o.asgSize()).maxSize(o.asgSize()).desiredCapacity(o.asgSize())
                            .vpcZoneIdentifier(s.subnet)
                            .tags(Tag.builder().key(RUN_TAG).value(o.runId()).propagateAtLaunch(true).build()))))
                            .map(x -> asg);
                })
                .compose(asg -> {
                    s.asg = asg;
                    if (o.standalone() == 0) {
                        return Future.succeededFuture(List.<Instance>of());
                    }
                    Map<String, String> dbTags = new LinkedHashMap<>(runTags);
                    dbTags.put("role", "db");
                    dbTags.putAll(o.instanceTags());
                    return step("RunInstances", aws.call(c -> c.ec2().runInstances(r -> r.imageId(s.image).instanceType("t3.small")
                            .minCount(o.standalone()).maxCount(o.standalone()).subnetId(s.subnet).securityGroupIds(s.sg)
                            .metadataOptions(m -> m.httpTokens("required"))
                            .tagSpecifications(TagSpecification.builder().resourceType(ResourceType.INSTANCE)
                                    .tags(ec2Tags(dbTags)).build()))))
                            .map(run -> run.instances());
                })
                .compose(instances -> {
                    List<String> ids = instances.stream().map(Instance::instanceId).toList();
                    List<Future<?>> names = new ArrayList<>();
                    for (int i = 0; i < ids.size(); i++) {
                        String id = ids.get(i);
                        String name = prefix + "-db-" + (i + 1);
                        names.add(step("CreateTags", aws.call(c -> c.ec2().createTags(r -> r.resources(id)
                                .tags(t -> t.key("Name").value(name))))));
                    }
                    return Future.all(names).map(x -> ids);
                })
                .map(ids -> {
                    SeededFleet fleet = new SeededFleet(o.runId(), aws.settings().region(), s.vpc, s.subnet, s.sg, s.image,
                            s.launchTemplate, s.asg, ids);
                    LOG.info("seeded {}", fleet);
                    return fleet;
                });
    }

    /** The first AMI owned by {@code amazon}, by id, so that a seed is repeatable. */
    private Future<String> pickImage() {
        return step("DescribeImages", aws.call(c -> c.ec2().describeImages(r -> r.owners("amazon"))))
                .compose(resp -> resp.images().stream().map(Image::imageId).filter(Objects::nonNull).min(Comparator.naturalOrder())
                        .map(Future::succeededFuture)
                        .orElseGet(() -> Future.failedFuture("the endpoint lists no AMI owned by amazon; pass --image-id")));
    }

    private <T> Future<T> step(String call, Future<T> f) {
        return f.recover(e -> Future.failedFuture(AwsErrors.unreachable(e)
                ? new Fleet.UnreachableException("cannot reach AWS (" + aws.settings().describe() + "): " + call + ": "
                        + AwsErrors.describe(e), null)
                : new IllegalStateException(call + ": " + AwsErrors.describe(e) + " (" + aws.settings().describe() + ")")));
    }

    private static TagSpecification tags(ResourceType type, Map<String, String> tags, String name) {
        Map<String, String> all = new LinkedHashMap<>(tags);
        all.put("Name", name);
        return TagSpecification.builder().resourceType(type).tags(ec2Tags(all)).build();
    }

    private static List<software.amazon.awssdk.services.ec2.model.Tag> ec2Tags(Map<String, String> tags) {
        return tags.entrySet().stream()
                .map(e -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .toList();
    }

    /** Ids as they are created. */
    private static final class Seeding {
        String vpc;
        String subnet;
        String sg;
        String image;
        String launchTemplate;
        String asg;
    }
}
