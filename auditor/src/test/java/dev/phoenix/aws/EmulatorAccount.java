package dev.phoenix.aws;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.autoscaling.AutoScalingAsyncClient;
import software.amazon.awssdk.services.autoscaling.model.AutoScalingGroup;
import software.amazon.awssdk.services.ec2.Ec2AsyncClient;
import software.amazon.awssdk.services.ec2.model.Instance;
import software.amazon.awssdk.services.ec2.model.InstanceStateName;

/**
 * What a test does to the emulator behind Phoenix's back, as an operator with the AWS API would:
 * change instances in place, publish launch-template versions, look at what chaos did. Blocking
 * (test thread only).
 */
final class EmulatorAccount implements AutoCloseable {

    final Ec2AsyncClient ec2;
    final AutoScalingAsyncClient autoScaling;

    EmulatorAccount(String endpoint) {
        StaticCredentialsProvider creds = StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));
        this.ec2 = Ec2AsyncClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(creds).build();
        this.autoScaling = AutoScalingAsyncClient.builder().endpointOverride(URI.create(endpoint)).region(Region.US_EAST_1)
                .credentialsProvider(creds).build();
    }

    AutoScalingGroup group(String name) {
        return autoScaling.describeAutoScalingGroups(r -> r.autoScalingGroupNames(name)).join().autoScalingGroups().get(0);
    }

    List<String> groupMembers(String name) {
        return group(name).instances().stream().map(i -> i.instanceId()).sorted().toList();
    }

    Instance instance(String id) {
        return ec2.describeInstances(r -> r.instanceIds(id)).join().reservations().get(0).instances().get(0);
    }

    InstanceStateName state(String id) {
        return instance(id).state().name();
    }

    void changeInstanceType(String id, String type) {
        ec2.modifyInstanceAttribute(r -> r.instanceId(id).instanceType(t -> t.value(type))).join();
    }

    void setSecurityGroups(String id, List<String> groups) {
        ec2.modifyInstanceAttribute(r -> r.instanceId(id).groups(groups)).join();
    }

    String createSecurityGroup(String vpc, String name) {
        return ec2.createSecurityGroup(r -> r.vpcId(vpc).groupName(name).description("test " + name)).join().groupId();
    }

    /** Creates a volume in the instance's zone and attaches it; returns the volume id. */
    String attachVolume(String id, String device, int sizeGiB) {
        String zone = instance(id).placement().availabilityZone();
        String volume = ec2.createVolume(r -> r.availabilityZone(zone).size(sizeGiB).volumeType("gp3")).join().volumeId();
        ec2.attachVolume(r -> r.volumeId(volume).instanceId(id).device(device)).join();
        return volume;
    }

    void tag(String id, Map<String, String> tags) {
        ec2.createTags(r -> r.resources(id).tags(tags.entrySet().stream()
                .map(e -> software.amazon.awssdk.services.ec2.model.Tag.builder().key(e.getKey()).value(e.getValue()).build())
                .collect(Collectors.toList()))).join();
    }

    /**
     * Publishes a new version of the launch template, a copy of its default version with another
     * instance type and without user data, and makes it the default. (The copy is spelt out: moto
     * 5.2 ignores SourceVersion, and an Auto Scaling group whose new version has user data fails to
     * launch instances in moto 5.2 with an internal error.)
     */
    long publishVersion(String templateId, String instanceType) {
        var current = ec2.describeLaunchTemplateVersions(r -> r.launchTemplateId(templateId).versions("$Default")).join()
                .launchTemplateVersions().get(0).launchTemplateData();
        long version = ec2.createLaunchTemplateVersion(r -> r.launchTemplateId(templateId)
                .launchTemplateData(d -> d.imageId(current.imageId()).instanceType(instanceType)
                        .securityGroupIds(current.securityGroupIds())
                        .tagSpecifications(current.tagSpecifications().stream()
                                .filter(t -> t.resourceType() == software.amazon.awssdk.services.ec2.model.ResourceType.INSTANCE)
                                .map(t -> software.amazon.awssdk.services.ec2.model
                                .LaunchTemplateTagSpecificationRequest.builder().resourceType(t.resourceType()).tags(t.tags()).build())
                                .toList())))
                .join().launchTemplateVersion().versionNumber();
        ec2.modifyLaunchTemplate(r -> r.launchTemplateId(templateId).defaultVersion(String.valueOf(version))).join();
        return version;
    }

    @Override
    public void close() {
        ec2.close();
        autoScaling.close();
    }
}
