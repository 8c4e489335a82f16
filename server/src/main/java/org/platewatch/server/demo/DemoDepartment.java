package org.platewatch.server.demo;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.platewatch.server.demo.DemoCredentials.DeviceToken;
import org.platewatch.server.hotlist.DemoHotlist;
import org.platewatch.server.ingest.Device;
import org.platewatch.server.ingest.DeviceKind;
import org.platewatch.server.ingest.DeviceRegistration;
import org.platewatch.server.ingest.DeviceRegistry;
import org.platewatch.server.ingest.RegisteredDevice;
import org.platewatch.server.platform.Actor;
import org.platewatch.server.platform.PlatewatchProperties;
import org.platewatch.server.platform.SecretTokens;
import org.platewatch.server.policy.DepartmentProfile;
import org.platewatch.server.reads.DetectionStore;
import org.platewatch.server.reads.NewDetection;
import org.platewatch.server.users.PersonalTokens;
import org.platewatch.server.users.Role;
import org.platewatch.server.users.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * {@code serve --demo}: a demo department with users of every role, fixed cameras and patrol cars
 * around Oakland and a day of synthetic detections. Seeded once per data directory; a restart
 * keeps what is there and only prints where the credentials are.
 */
@Component
@ConditionalOnWebApplication
@ConditionalOnProperty(name = "platewatch.demo", havingValue = "true")
@Order(10)
class DemoDepartment implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(DemoDepartment.class);

    /** username, full name, role, CLETS-authorised. */
    private static final String[][] MEMBERS = {
        {"officer", "Dana Reyes", "OFFICER", "true"},
        {"officer2", "Sam Okafor", "OFFICER", "true"},
        {"investigator", "Lee Park", "INVESTIGATOR", "true"},
        {"supervisor", "Morgan Diaz", "SUPERVISOR", "true"},
        {"admin", "Alex Chen", "ADMINISTRATOR", "false"},
        {"designee", "Jordan Blake", "ADMINISTRATOR", "false"},
        {"auditor", "Riley Nguyen", "AUDITOR", "false"}
    };

    private final UserAccounts accounts;
    private final PersonalTokens tokens;
    private final DeviceRegistry devices;
    private final DetectionStore detections;
    private final PlatewatchProperties properties;
    private final DepartmentProfile profile;
    private final Clock clock;
    private final DemoFeed feed;
    private final DemoHotlist demoHotlist;

    /** Fixed, so the demo's listed plates are the same at every start. */
    private static final long PLATES_OF_INTEREST_SEED = 1798_90_55L;

    DemoDepartment(
            UserAccounts accounts,
            PersonalTokens tokens,
            DeviceRegistry devices,
            DetectionStore detections,
            PlatewatchProperties properties,
            DepartmentProfile profile,
            Clock clock,
            DemoFeed feed,
            DemoHotlist demoHotlist) {
        this.accounts = accounts;
        this.tokens = tokens;
        this.devices = devices;
        this.detections = detections;
        this.properties = properties;
        this.profile = profile;
        this.clock = clock;
        this.feed = feed;
        this.demoHotlist = demoHotlist;
    }

    @Override
    public void run(ApplicationArguments args) throws IOException {
        if (Files.exists(DemoCredentials.file(properties.dataDir()))) {
            loadHotlist();
            announce("The demo department is already set up");
            feed.start(DemoCredentials.read(properties.dataDir()));
            return;
        }
        Random random = new Random(1798_90_5L);
        List<DemoCredentials.User> users = createMembers();
        List<Device> fixed = new ArrayList<>();
        List<Device> mobile = new ArrayList<>();
        List<DeviceToken> tokens = new ArrayList<>();
        for (DemoCity.Camera camera : DemoCity.FIXED_CAMERAS) {
            RegisteredDevice d = devices.register(
                    new DeviceRegistration(
                            camera.name(), DeviceKind.FIXED, camera.latitude(), camera.longitude(), camera.heading()),
                    Actor.SYSTEM);
            fixed.add(d.device());
            tokens.add(new DeviceToken(d.device().name(), d.token()));
        }
        for (String car : DemoCity.PATROL_CARS) {
            RegisteredDevice d =
                    devices.register(new DeviceRegistration(car, DeviceKind.MOBILE, null, null, null), Actor.SYSTEM);
            mobile.add(d.device());
            tokens.add(new DeviceToken(d.device().name(), d.token()));
        }
        DemoTraffic traffic = new DemoTraffic(random, profile.zone());
        List<NewDetection> day = traffic.day(fixed, mobile, clock.instant());
        storeByDevice(day, fixed, mobile);
        loadHotlist();
        DemoCredentials credentials = new DemoCredentials(users, tokens);
        credentials.write(properties.dataDir());
        log.info(
                "Demo department seeded: {} users, {} devices, {} detections", users.size(), tokens.size(), day.size());
        announce("Demo department '" + profile.departmentName() + "' created");
        feed.start(credentials);
    }

    /**
     * The demo's hot list, refreshed at every start (a real list is downloaded at least daily, and
     * a list older than that is flagged stale). One plate is listed under another state, so the
     * demo also shows a wrong-state hit, labelled as such.
     */
    private void loadHotlist() {
        List<DemoPlates.DemoPlate> ofInterest = DemoPlates.generate(new Random(PLATES_OF_INTEREST_SEED), 8);
        List<DemoHotlist.Plate> listed = new ArrayList<>();
        for (DemoPlates.DemoPlate p : ofInterest) {
            listed.add(new DemoHotlist.Plate(p.plate(), p.state()));
        }
        listed.set(
                0,
                new DemoHotlist.Plate(
                        ofInterest.get(0).plate(), "CA".equals(ofInterest.get(0).state()) ? "NV" : "CA"));
        demoHotlist.load(listed);
        feed.addPlatesOfInterest(ofInterest);
    }

    private List<DemoCredentials.User> createMembers() {
        List<DemoCredentials.User> users = new ArrayList<>();
        LocalDate trained = LocalDate.now(clock.withZone(profile.zone())).minusDays(120);
        for (String[] m : MEMBERS) {
            String password = SecretTokens.oneTimePassword();
            Role role = Role.valueOf(m[2]);
            accounts.create(
                    new UserAccounts.NewUser(m[0], m[1], role, Boolean.parseBoolean(m[3]), trained),
                    password,
                    Actor.SYSTEM);
            String token = tokens.issue(m[0], "demo", Actor.SYSTEM).token();
            users.add(new DemoCredentials.User(m[0], password, role.name().toLowerCase(Locale.ROOT), token, m[1]));
        }
        return users;
    }

    /** Stores the day's reads under the device that made each, in batches of the API's size. */
    private void storeByDevice(List<NewDetection> day, List<Device> fixed, List<Device> mobile) {
        List<Device> all = new ArrayList<>(fixed);
        all.addAll(mobile);
        for (Device device : all) {
            List<NewDetection> own =
                    day.stream().filter(r -> belongsTo(r, device)).toList();
            for (int i = 0; i < own.size(); i += 1000) {
                detections.store(device.id(), own.subList(i, Math.min(own.size(), i + 1000)));
            }
        }
    }

    private static boolean belongsTo(NewDetection read, Device device) {
        if (device.hasLocation()) {
            return read.latitude() == device.latitude() && read.longitude() == device.longitude();
        }
        // Mobile reads carry their own position; spread them over the cars by read id.
        return !isAtACamera(read)
                && Math.floorMod(read.readId().hashCode(), DemoCity.PATROL_CARS.size())
                        == DemoCity.PATROL_CARS.indexOf(device.name());
    }

    private static boolean isAtACamera(NewDetection read) {
        return DemoCity.FIXED_CAMERAS.stream()
                .anyMatch(c -> c.latitude() == read.latitude() && c.longitude() == read.longitude());
    }

    private void announce(String what) {
        System.out.println();
        System.out.println(what + ".");
        System.out.println("  Sign-in names, passwords and API tokens: " + DemoCredentials.file(properties.dataDir()));
        System.out.println();
    }
}
