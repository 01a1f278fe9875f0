package dev.phoenix.aws;

import dev.phoenix.model.Fact;
import dev.phoenix.model.FactFilter;
import dev.phoenix.model.Fingerprint;
import dev.phoenix.model.Member;
import dev.phoenix.model.Observation;
import dev.phoenix.probe.Probe;
import dev.phoenix.spi.ProviderContext;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.ec2.model.EbsInstanceBlockDevice;
import software.amazon.awssdk.services.ec2.model.GroupIdentifier;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceBlockDeviceMapping;
import software.amazon.awssdk.services.ec2.model.InstanceMetadataOptionsResponse;
import software.amazon.awssdk.services.ec2.model.InstanceAttributeName;
import software.amazon.awssdk.services.ec2.model.Reservation;
import software.amazon.awssdk.services.ec2.model.Volume;

/**
 * {@code aws-instance}: the cloud-side fingerprint of an EC2 instance, the facts an operator cares
 * about when an instance is changed in place. Instance descriptions are fetched in batches
 * ({@link Batcher}): concurrent observations within a few milliseconds share one DescribeInstances
 * and one DescribeVolumes call. User data has no batch API and costs one DescribeInstanceAttribute
 * per member (switch it off with {@code user-data: false} for very large fleets).
 */
final class AwsInstanceProbe implements Probe {

    static final String NAME = "aws-instance";

    /**
     * @param userData   fingerprint the user data (one call per member)
     * @param volumes    describe attached EBS volumes (size, type, encryption)
     * @param ignoreTags tag keys left out of the facts, besides {@code aws:*} and {@code phoenix:*}
     */
    record Options(boolean userData, boolean volumes, FactFilter ignoreTags, long batchWindowMs) {
    }

    private final Options options;
    private final AwsSettings settings;
    private final ProviderContext ctx;
    private final Map<AwsTarget, Batchers> batchers = new java.util.concurrent.ConcurrentHashMap<>();

    AwsInstanceProbe(Options options, AwsSettings settings, ProviderContext ctx) {
        this.options = options;
        this.settings = settings;
        this.ctx = ctx;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Future<Observation> observe(Member member) {
        Batchers b = batchers(member);
        return b.instances.get(member.id())
                .recover(e -> Future.failedFuture(e instanceof Batcher.NotFound
                        ? new IllegalStateException("DescribeInstances: " + member.id() + " was not found (terminated?)")
                        : new IllegalStateException("DescribeInstances " + member.id() + ": " + AwsErrors.describe(e))))
                .compose(instance -> {
                    Future<Map<String, Volume>> volumes = options.volumes() ? volumes(b, instance) : Future.succeededFuture(Map.of());
                    Future<String> userData = options.userData() ? userData(b.clients, instance.instanceId())
                            : Future.succeededFuture(null);
                    return Future.all(volumes, userData).map(all -> facts(instance, volumes.result(), userData.result()));
                })
                .map(facts -> Observation.ok(NAME, facts))
                .otherwise(e -> Observation.failed(NAME, e.getMessage() == null ? AwsErrors.describe(e) : e.getMessage()));
    }

    List<Fact> facts(Instance i, Map<String, Volume> volumes, String userDataSha) {
        List<Fact> facts = new ArrayList<>();
        Map<String, String> tags = Instances.tags(i);
        boolean inGroup = tags.containsKey(Instances.ASG_TAG);
        facts.add(Fact.identity("aws.instanceId", i.instanceId()));
        identity(facts, "aws.privateIp", i.privateIpAddress());
        identity(facts, "aws.publicIp", i.publicIpAddress());
        identity(facts, "aws.privateDns", i.privateDnsName());
        identity(facts, "aws.publicDns", i.publicDnsName());
        identity(facts, "aws.launchTime", i.launchTime() == null ? null : i.launchTime().toString());
        identity(facts, "aws.availabilityZone", i.placement() == null ? null : i.placement().availabilityZone());
        facts.add(Fact.of("aws.imageId", orNone(i.imageId())));
        facts.add(Fact.of("aws.instanceType", orNone(i.instanceTypeAsString())));
        facts.add(Fact.of("aws.securityGroups", i.securityGroups().stream().map(GroupIdentifier::groupId).sorted()
                .reduce((a, b) -> a + "," + b).orElse("none")));
        facts.add(Fact.of("aws.iamInstanceProfile", i.iamInstanceProfile() == null ? "none" : orNone(i.iamInstanceProfile().arn())));
        facts.add(Fact.of("aws.vpcId", orNone(i.vpcId())));
        // An Auto Scaling group spreads its members over its subnets: which one is placement, not configuration.
        facts.add(inGroup ? Fact.identity("aws.subnetId", orNone(i.subnetId())) : Fact.of("aws.subnetId", orNone(i.subnetId())));
        facts.add(Fact.of("aws.keyName", orNone(i.keyName())));
        if (options.userData()) {
            facts.add(Fact.of("aws.userData.sha256", userDataSha == null ? "none" : userDataSha));
        }
        InstanceMetadataOptionsResponse md = i.metadataOptions();
        if (md != null) {
            facts.add(Fact.of("aws.metadata.httpTokens", orNone(md.httpTokensAsString())));
            facts.add(Fact.of("aws.metadata.httpEndpoint", orNone(md.httpEndpointAsString())));
            facts.add(Fact.of("aws.metadata.httpPutResponseHopLimit", md.httpPutResponseHopLimit() == null ? "none"
                    : md.httpPutResponseHopLimit().toString()));
        }
        if (tags.containsKey(Instances.LT_ID_TAG)) {
            facts.add(Fact.of("aws.launchTemplate.id", tags.get(Instances.LT_ID_TAG)));
            facts.add(Fact.of("aws.launchTemplate.version", tags.getOrDefault(Instances.LT_VERSION_TAG, "none")));
        }
        if (options.volumes()) {
            for (InstanceBlockDeviceMapping m : i.blockDeviceMappings()) {
                EbsInstanceBlockDevice ebs = m.ebs();
                if (ebs == null || ebs.volumeId() == null) {
                    continue;
                }
                String key = "aws.volume." + device(m.deviceName());
                Volume v = volumes.get(ebs.volumeId());
                identity(facts, key + ".id", ebs.volumeId());
                if (v == null) {
                    throw new IllegalStateException("DescribeVolumes did not return " + ebs.volumeId());
                }
                facts.add(Fact.of(key + ".size", String.valueOf(v.size())));
                facts.add(Fact.of(key + ".type", orNone(v.volumeTypeAsString())));
                facts.add(Fact.of(key + ".encrypted", String.valueOf(Boolean.TRUE.equals(v.encrypted()))));
            }
        }
        tags.forEach((k, v) -> {
            if (!k.startsWith("aws:") && !k.startsWith("phoenix:") && !options.ignoreTags().matches(k)) {
                facts.add(Fact.of("aws.tag." + k, v));
            }
        });
        return facts;
    }

    /**
     * The instance's volumes; a volume that cannot be described (throttled, the endpoint gone, not
     * found) fails the whole observation: a fact Phoenix could not read is never a value ("unknown"
     * would be drift against the baseline, or a false baseline).
     */
    private Future<Map<String, Volume>> volumes(Batchers b, Instance i) {
        List<Future<Volume>> each = new ArrayList<>();
        for (InstanceBlockDeviceMapping m : i.blockDeviceMappings()) {
            if (m.ebs() != null && m.ebs().volumeId() != null) {
                String id = m.ebs().volumeId();
                each.add(b.volumes.get(id).recover(e -> Future.failedFuture(new IllegalStateException("DescribeVolumes " + id + ": "
                        + (e instanceof Batcher.NotFound ? "not found" : AwsErrors.describe(e))))));
            }
        }
        return Future.all(each).map(x -> {
            Map<String, Volume> out = new HashMap<>();
            for (Future<Volume> f : each) {
                out.put(f.result().volumeId(), f.result());
            }
            return out;
        });
    }

    private static Future<String> userData(AwsClients clients, String id) {
        return clients.call(c -> c.ec2().describeInstanceAttribute(r -> r.instanceId(id).attribute(InstanceAttributeName.USER_DATA)))
                .map(resp -> {
                    String b64 = resp.userData() == null ? null : resp.userData().value();
                    if (b64 == null || b64.isEmpty()) {
                        return null;
                    }
                    try {
                        return Fingerprint.sha256Hex(Base64.getMimeDecoder().decode(b64));
                    } catch (IllegalArgumentException e) {
                        return Fingerprint.sha256Hex(b64);
                    }
                })
                .recover(e -> Future.failedFuture(new IllegalStateException("DescribeInstanceAttribute userData " + id + ": "
                        + AwsErrors.describe(e))));
    }

    private static String device(String name) {
        if (name == null) {
            return "unnamed";
        }
        return name.startsWith("/dev/") ? name.substring(5) : name;
    }

    private static void identity(List<Fact> facts, String key, String value) {
        if (value != null && !value.isEmpty()) {
            facts.add(Fact.identity(key, value));
        }
    }

    private static String orNone(String v) {
        return v == null || v.isEmpty() ? "none" : v;
    }

    /** The batchers of the member's account and region (one set of clients per account and region). */
    private Batchers batchers(Member member) {
        AwsTarget target = AwsAccounts.shared(ctx, settings)
                .targetOf(settings.multiAccount() ? member.attribute("account") : null, member.attribute("region"));
        return batchers.computeIfAbsent(target, t -> new Batchers(AwsClients.shared(ctx, settings, t), ctx, options.batchWindowMs()));
    }

    /** The batched lookups of one probe: instances and volumes by id. */
    private static final class Batchers {
        final AwsClients clients;
        final Batcher<Instance> instances;
        final Batcher<Volume> volumes;

        Batchers(AwsClients clients, ProviderContext ctx, long windowMs) {
            this.clients = clients;
            this.instances = new Batcher<>(ctx.vertx(), AwsFleet.IDS_PER_CALL, windowMs, ids ->
                    clients.call(c -> c.ec2().describeInstances(r -> r.instanceIds(ids))).map(resp -> {
                        Map<String, Instance> out = new HashMap<>();
                        for (Reservation r : resp.reservations()) {
                            r.instances().forEach(i -> out.put(i.instanceId(), i));
                        }
                        return out;
                    }));
            this.volumes = new Batcher<>(ctx.vertx(), AwsFleet.IDS_PER_CALL, windowMs, ids ->
                    clients.call(c -> c.ec2().describeVolumes(r -> r.volumeIds(ids))).map(resp -> {
                        Map<String, Volume> out = new HashMap<>();
                        resp.volumes().forEach(v -> out.put(v.volumeId(), v));
                        return out;
                    }));
        }
    }
}
