package dev.phoenix.aws;

import dev.phoenix.spi.ProviderContext;
import dev.phoenix.spi.Settings;
import io.vertx.core.Future;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;
import software.amazon.awssdk.services.ec2.model.LaunchTemplateTagSpecificationRequest;
import software.amazon.awssdk.services.ec2.model.ResourceType;
import software.amazon.awssdk.services.ec2.model.Tag;

/**
 * What a test does to the emulator behind Phoenix's back, as an operator with the AWS API would:
 * change instances in place, publish launch-template versions, look at what chaos did. Calls go
 * through {@link AwsClients}, the clients Phoenix itself uses, and complete on the caller's
 * Vert.x context.
 *
 * <pre>{@code
 * EmulatorAccount aws = EmulatorAccount.at(ctx, "http://127.0.0.1:4566");
 * aws.changeInstanceType(id, "m5.large").compose(v -> aws.state(id)).onComplete(...);
 * }</pre>
 */
final class EmulatorAccount {

    private final AwsClients aws;

    private EmulatorAccount(AwsClients aws) {
        this.aws = aws;
    }

    /** The account at {@code endpoint} (us-east-1, the emulator's dummy key), on {@code ctx}'s Vert.x. */
    static EmulatorAccount at(ProviderContext ctx, String endpoint) {
        Settings root = Settings.of("", Map.of("aws", Map.of("region", "us-east-1", "endpoint", endpoint)));
        return new EmulatorAccount(AwsClients.shared(ctx, AwsSettings.from(root, Map.of())));
    }

    AwsClients clients() {
        return aws;
    }

    Future<AutoScalingGroup> group(String name) {
        return aws.call(c -> c.autoScaling().describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)))
                .map(r -> r.autoScalingGroups().get(0));
    }

    Future<List<String>> groupMembers(String name) {
        return group(name).map(g -> g.instances().stream().map(i -> i.instanceId()).sorted().toList());
    }

    Future<Instance> instance(String id) {
        return aws.call(c -> c.ec2().describeInstances(r -> r.instanceIds(id))).map(r -> r.reservations().get(0).instances().get(0));
    }

    /** Stops an instance outside its Auto Scaling group's control, as someone with the EC2 console would. */
    Future<Void> stop(String id) {
        return aws.call(c -> c.ec2().stopInstances(r -> r.instanceIds(id))).mapEmpty();
    }

    Future<InstanceStateName> state(String id) {
        return instance(id).map(i -> i.state().name());
    }

    /** Ids of the instances with all these tags, sorted. */
    Future<List<String>> instancesTagged(Map<String, String> tags) {
        List<Filter> filters = tags.entrySet().stream()
                .map(e -> Filter.builder().name("tag:" + e.getKey()).values(e.getValue()).build()).toList();
        return aws.call(c -> c.ec2().describeInstances(r -> r.filters(filters)))
                .map(r -> r.reservations().stream().flatMap(res -> res.instances().stream()).map(Instance::instanceId).sorted().toList());
    }

    /** Launches one instance from a launch template version into a subnet, with tags; its id. */
    Future<String> launch(String templateId, String version, String subnet, Map<String, String> tags) {
        return aws.call(c -> c.ec2().runInstances(r -> r.launchTemplate(lt -> lt.launchTemplateId(templateId).version(version))
                        .minCount(1).maxCount(1).subnetId(subnet)
                        .tagSpecifications(t -> t.resourceType(ResourceType.INSTANCE).tags(tags(tags)))))
                .map(r -> r.instances().get(0).instanceId());
    }

    Future<Void> changeInstanceType(String id, String type) {
        return aws.call(c -> c.ec2().modifyInstanceAttribute(r -> r.instanceId(id).instanceType(t -> t.value(type)))).mapEmpty();
    }

    Future<Void> setSecurityGroups(String id, List<String> groups) {
        return aws.call(c -> c.ec2().modifyInstanceAttribute(r -> r.instanceId(id).groups(groups))).mapEmpty();
    }

    Future<String> createSecurityGroup(String vpc, String name) {
        return aws.call(c -> c.ec2().createSecurityGroup(r -> r.vpcId(vpc).groupName(name).description("test " + name)))
                .map(r -> r.groupId());
    }

    /** Creates a volume in the instance's zone and attaches it; the volume's id. */
    Future<String> attachVolume(String id, String device, int sizeGiB) {
        return instance(id)
                .compose(i -> aws.call(c -> c.ec2().createVolume(r -> r.availabilityZone(i.placement().availabilityZone())
                        .size(sizeGiB).volumeType("gp3"))))
                .compose(v -> aws.call(c -> c.ec2().attachVolume(r -> r.volumeId(v.volumeId()).instanceId(id).device(device)))
                        .map(a -> v.volumeId()));
    }

    /**
     * Publishes a new version of the launch template, a copy of its default version with another
     * instance type and without user data, and makes it the default. (The copy is spelt out: moto
     * 5.2 ignores SourceVersion, and an Auto Scaling group whose new version has user data fails to
     * launch instances in moto 5.2 with an internal error.)
     */
    Future<Long> publishVersion(String templateId, String instanceType) {
        return aws.call(c -> c.ec2().describeLaunchTemplateVersions(r -> r.launchTemplateId(templateId).versions("$Default")))
                .map(r -> r.launchTemplateVersions().get(0).launchTemplateData())
                .compose(current -> aws.call(c -> c.ec2().createLaunchTemplateVersion(r -> r.launchTemplateId(templateId)
                        .launchTemplateData(d -> d.imageId(current.imageId()).instanceType(instanceType)
                                .securityGroupIds(current.securityGroupIds())
                                .tagSpecifications(current.tagSpecifications().stream()
                                        .filter(t -> t.resourceType() == ResourceType.INSTANCE)
                                        .map(t -> LaunchTemplateTagSpecificationRequest.builder().resourceType(t.resourceType())
                                                .tags(t.tags()).build())
                                        .toList())))))
                .map(r -> r.launchTemplateVersion().versionNumber())
                .compose(version -> aws.call(c -> c.ec2().modifyLaunchTemplate(r -> r.launchTemplateId(templateId)
                        .defaultVersion(String.valueOf(version)))).map(r -> version));
    }

    static List<Tag> tags(Map<String, String> tags) {
        return tags.entrySet().stream().map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .collect(Collectors.toList());
    }
}
