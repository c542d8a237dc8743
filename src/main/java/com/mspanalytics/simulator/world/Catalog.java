package com.mspanalytics.simulator.world;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The MSP's master data: clients with contacts and agreements, techs, categories and projects.
 * Names are fixed so that planted facts can name them; rates, sizes and speeds vary with the seed.
 */
public final class Catalog {

    static final String NORTHWIND = "Northwind", CONTOSO = "Contoso", FABRIKAM = "Fabrikam", INITECH = "Initech",
            UMBRELLA = "Umbrella", GLOBEX = "Globex", WAYNE = "Wayne";
    static final String JSMITH = "jsmith", TNGUYEN = "tnguyen", RBROWN = "rbrown", DPATEL = "dpatel";

    private static final String[] FIRST = {"Alex", "Sam", "Maria", "Chris", "Priya", "Liam", "Olivia", "Noah", "Emma",
            "Lucas", "Ava", "Ethan", "Mia", "Omar", "Zoe", "Ivan", "Grace", "Hugo", "Nina", "Leo", "Sara", "Ben"};
    private static final String[] LAST = {"Taylor", "Martin", "Roy", "Gagnon", "Singh", "Wong", "Tremblay", "Lee",
            "Campbell", "Walker", "Morin", "Young", "Clark", "Scott", "Young", "King", "Hall", "Evans", "Baker"};

    // identifier, name, industry, employees, city, relative ticket rate, main agreement type
    private static final Object[][] CLIENTS = {
            {NORTHWIND, "Northwind Traders", "Distribution", 120, "Toronto", 3.0, AgreementType.MANAGED_SERVICES},
            {CONTOSO, "Contoso Ltd", "Professional Services", 85, "Ottawa", 1.6, AgreementType.MANAGED_SERVICES},
            {FABRIKAM, "Fabrikam Inc", "Manufacturing", 140, "Hamilton", 1.8, AgreementType.MANAGED_SERVICES},
            {INITECH, "Initech", "Software", 60, "Waterloo", 1.2, AgreementType.BLOCK_HOURS},
            {UMBRELLA, "Umbrella Health", "Healthcare", 95, "Montreal", 1.4, AgreementType.MANAGED_SERVICES},
            {GLOBEX, "Globex Logistics", "Logistics", 110, "Mississauga", 1.6, AgreementType.MANAGED_SERVICES},
            {WAYNE, "Wayne Financial", "Finance", 150, "Toronto", 1.8, AgreementType.MANAGED_SERVICES},
            {"AcmeLegal", "Acme Legal LLP", "Legal", 40, "Toronto", 0.9, AgreementType.MANAGED_SERVICES},
            {"StarkDental", "Stark Dental Group", "Healthcare", 35, "Kingston", 0.8, AgreementType.BLOCK_HOURS},
            {"Tyrell", "Tyrell Architects", "Architecture", 30, "Ottawa", 0.7, AgreementType.TIME_AND_MATERIALS},
            {"Cyberdyne", "Cyberdyne Labs", "Research", 70, "Waterloo", 1.1, AgreementType.MANAGED_SERVICES},
            {"Soylent", "Soylent Foods", "Food Processing", 90, "Guelph", 1.0, AgreementType.MANAGED_SERVICES},
            {"Wonka", "Wonka Confections", "Manufacturing", 55, "London", 0.8, AgreementType.BLOCK_HOURS},
            {"Hooli", "Hooli Media", "Media", 45, "Toronto", 0.9, AgreementType.MANAGED_SERVICES},
            {"Vandelay", "Vandelay Imports", "Distribution", 25, "Brampton", 0.5, AgreementType.TIME_AND_MATERIALS},
            {"Dunder", "Dunder Paper Co", "Distribution", 50, "Barrie", 0.8, AgreementType.MANAGED_SERVICES},
            {"PiedPiper", "Pied Piper", "Software", 20, "Toronto", 0.5, AgreementType.BLOCK_HOURS},
            {"Oscorp", "Oscorp Research", "Research", 80, "Montreal", 1.1, AgreementType.MANAGED_SERVICES},
            {"Gringotts", "Gringotts Credit Union", "Finance", 65, "Ottawa", 1.0, AgreementType.MANAGED_SERVICES},
            {"Monarch", "Monarch Accounting", "Accounting", 30, "Markham", 0.6, AgreementType.MANAGED_SERVICES},
            {"Bluth", "Bluth Homes", "Construction", 40, "Oakville", 0.6, AgreementType.TIME_AND_MATERIALS},
            {"SterlingCooper", "Sterling Cooper Ads", "Marketing", 35, "Toronto", 0.7, AgreementType.MANAGED_SERVICES},
            {"Prestige", "Prestige Worldwide", "Events", 15, "Burlington", 0.4, AgreementType.BLOCK_HOURS},
            {"Kramerica", "Kramerica Industries", "Manufacturing", 20, "Oshawa", 0.4, AgreementType.TIME_AND_MATERIALS},
            {"PollosHermanos", "Los Pollos Hermanos", "Restaurants", 60, "Windsor", 0.7, AgreementType.MANAGED_SERVICES},
            {"BlueSun", "Blue Sun Retail", "Retail", 75, "Laval", 0.9, AgreementType.MANAGED_SERVICES},
            {"Aperture", "Aperture Clinics", "Healthcare", 55, "Quebec City", 0.8, AgreementType.MANAGED_SERVICES},
            {"MassiveDynamic", "Massive Dynamic", "Engineering", 100, "Toronto", 1.3, AgreementType.MANAGED_SERVICES},
            {"Duff", "Duff Brewing", "Food Processing", 45, "Niagara Falls", 0.7, AgreementType.BLOCK_HOURS},
            {"Sirius", "Sirius Cybernetics", "Software", 50, "Vancouver", 0.8, AgreementType.MANAGED_SERVICES},
    };

    /** Clients whose Managed Services agreement carries the "Managed SOC" addition (SOC board covered). */
    private static final List<String> SOC_CLIENTS = List.of(WAYNE, NORTHWIND, UMBRELLA, "Gringotts", "Aperture",
            "MassiveDynamic", "Oscorp", "Cyberdyne");

    private final List<Client> clients;
    private final List<Tech> techs;
    private final List<Category> categories;
    private final List<Project> projects;

    private Catalog(List<Client> clients, List<Tech> techs, List<Category> categories, List<Project> projects) {
        this.clients = List.copyOf(clients);
        this.techs = List.copyOf(techs);
        this.categories = List.copyOf(categories);
        this.projects = List.copyOf(projects);
    }

    static Catalog create(WorldSpec spec) {
        var rng = new SplittableRandom(spec.seed() ^ 0x5DEECE66DL);
        double rateSum = 0;
        for (Object[] row : CLIENTS) rateSum += (double) row[5];
        var clients = new ArrayList<Client>();
        int contactId = 1000, agreementId = 300, additionId = 700;
        for (int i = 0; i < CLIENTS.length; i++) {
            Object[] row = CLIENTS[i];
            int companyId = 19_200 + i;
            String identifier = (String) row[0];
            int employees = (int) row[3];
            double jitter = rng.nextDouble(0.9, 1.1);
            double weeklyRate = spec.size().ticketsPerWeek() * (double) row[5] / rateSum * jitter;
            String domain = identifier.toLowerCase() + ".example";
            var contacts = new ArrayList<Contact>();
            int contactCount = Math.max(4, employees / 10);
            for (int c = 0; c < contactCount; c++) {
                String first = c == 0 && identifier.equals(UMBRELLA) ? "Pat" : FIRST[rng.nextInt(FIRST.length)];
                String last = c == 0 && identifier.equals(UMBRELLA) ? "Jones" : LAST[rng.nextInt(LAST.length)];
                contacts.add(new Contact(contactId++, companyId, first, last,
                        (first.charAt(0) + last).toLowerCase() + c + "@" + domain));
            }
            LocalDate agreementStart = spec.startDate().minusYears(1 + rng.nextInt(3)).withDayOfMonth(1);
            var type = (AgreementType) row[6];
            var agreements = new ArrayList<Agreement>();
            int mainId = agreementId++;
            var additions = new ArrayList<Addition>();
            if (type != AgreementType.TIME_AND_MATERIALS) {
                additions.add(new Addition(additionId++, mainId, "Managed Workstation", employees, 45.0, agreementStart, null));
                if (SOC_CLIENTS.contains(identifier)) {
                    additions.add(new Addition(additionId++, mainId, "Managed SOC", employees, 12.0, agreementStart, Board.SOC));
                }
            }
            double billAmount = type == AgreementType.TIME_AND_MATERIALS ? 0 : employees * 55.0;
            agreements.add(new Agreement(mainId, companyId, (String) row[1] + " - " + type.displayName(), type,
                    agreementStart, null, billAmount, List.copyOf(additions)));
            if (type != AgreementType.TIME_AND_MATERIALS) {
                agreements.add(new Agreement(agreementId++, companyId, (String) row[1] + " - Time & Materials",
                        AgreementType.TIME_AND_MATERIALS, agreementStart, null, 0, List.of()));
            }
            clients.add(new Client(companyId, identifier, (String) row[1], (String) row[2], employees, (String) row[4],
                    weeklyRate, List.copyOf(contacts), List.copyOf(agreements)));
        }
        var categories = categoryTable();
        var techs = techs(rng);
        return new Catalog(clients, techs, categories, projects(spec, clients, techs));
    }

    private static List<Category> categoryTable() {
        Object[][] rows = {
                {Board.SERVICE_DESK, "Hardware", "Laptop", "Slow", 3.0, 1.5},
                {Board.SERVICE_DESK, "Hardware", "Laptop", "Won't Boot", 2.0, 2.0},
                {Board.SERVICE_DESK, "Hardware", "Desktop", "Peripheral", 2.0, 1.0},
                {Board.SERVICE_DESK, "Hardware", "Monitor", "No Signal", 1.5, 0.75},
                {Board.SERVICE_DESK, "Software", "Microsoft 365", "Activation", 3.0, 0.75},
                {Board.SERVICE_DESK, "Software", "Line of Business App", "Error", 3.0, 1.5},
                {Board.SERVICE_DESK, "Software", "Windows", "Update Failed", 2.5, 1.25},
                {Board.SERVICE_DESK, "Software", "Windows", "Blue Screen", 1.5, 2.0},
                {Board.SERVICE_DESK, "Email", "Outlook", "Not Syncing", 3.0, 1.0},
                {Board.SERVICE_DESK, "Email", "Mailbox", "Full", 2.0, 0.5},
                {Board.SERVICE_DESK, "Email", "Mailbox", "Shared Mailbox", 2.0, 0.75},
                {Board.SERVICE_DESK, "Email", "Spam", "Junk Filtering", 2.0, 0.75},
                {Board.SERVICE_DESK, "Printer", "Print Queue", "Stuck Jobs", 1.5, 1.0},
                {Board.SERVICE_DESK, "Printer", "Scanner", "Scan to Email", 1.5, 1.0},
                {Board.SERVICE_DESK, "Printer", "Printer", "Offline", 1.5, 0.75},
                {Board.SERVICE_DESK, "Account", "Password Reset", "Locked Out", 4.0, 0.25},
                {Board.SERVICE_DESK, "Account", "Access Request", "Shared Drive", 3.0, 0.5},
                {Board.SERVICE_DESK, "Account", "User Onboarding", "New Hire", 2.0, 2.5},
                {Board.SERVICE_DESK, "Account", "User Offboarding", "Leaver", 1.5, 1.5},
                {Board.SERVICE_DESK, "How To", "Microsoft 365", "Teams", 2.0, 0.5},
                {Board.SERVICE_DESK, "How To", "Outlook", "Rules", 1.5, 0.5},
                {Board.SERVICE_DESK, "How To", "OneDrive", "Sharing", 1.5, 0.5},
                {Board.SERVICE_DESK, "Backup", "Backup Job", "Failed", 1.5, 1.0},
                {Board.SERVICE_DESK, "Backup", "Restore", "File Restore", 1.5, 1.0},
                {Board.NETWORK, "Network", "Wi-Fi", "Slow", 2.0, 1.5},
                {Board.NETWORK, "Network", "VPN", "Cannot Connect", 2.5, 1.0},
                {Board.NETWORK, "Network", "Firewall", "Rule Change", 2.0, 1.0},
                {Board.NETWORK, "Network", "Internet", "Outage", 1.0, 2.0},
                {Board.NETWORK, "Network", "Switch", "Port Down", 1.0, 1.25},
                {Board.SOC, "Security", "Phishing", "Reported Email", 2.0, 0.75},
                {Board.SOC, "Security", "Malware", "Detection", 1.0, 1.5},
                {Board.SOC, "Security", "Suspicious Login", "Impossible Travel", 1.0, 1.0},
                {Board.PROJECTS, "Project", "Migration", "Server", 0.5, 6.0},
                {Board.PROJECTS, "Project", "Deployment", "Laptops", 0.7, 4.0},
                {Board.PROJECTS, "Project", "Upgrade", "Firewall", 0.5, 3.0},
        };
        Map<String, Integer> typeIds = new LinkedHashMap<>(), subTypeIds = new LinkedHashMap<>();
        var list = new ArrayList<Category>();
        for (int i = 0; i < rows.length; i++) {
            Object[] r = rows[i];
            int typeId = typeIds.computeIfAbsent((String) r[1], k -> 10 + typeIds.size());
            int subTypeId = subTypeIds.computeIfAbsent(r[1] + "/" + r[2], k -> 100 + subTypeIds.size());
            list.add(new Category(i + 1, (Board) r[0], typeId, (String) r[1], subTypeId, (String) r[2], 500 + i,
                    (String) r[3], (double) r[4], (double) r[5]));
        }
        return list;
    }

    @SuppressWarnings("unchecked")
    private static List<Tech> techs(SplittableRandom rng) {
        Map<String, Double> desk = Map.of("Hardware", 1.0, "Software", 1.0, "Email", 1.0, "Printer", 1.0,
                "Account", 1.0, "How To", 1.0, "Backup", 0.6, "Network", 0.2, "Security", 0.3, "Project", 0.3);
        Map<String, Double> network = Map.of("Network", 1.5, "Backup", 1.0, "Project", 1.0, "Hardware", 0.3,
                "Software", 0.3, "Email", 0.3, "Printer", 0.3, "Account", 0.2, "Security", 0.3);
        Map<String, Double> security = Map.of("Security", 1.0, "Email", 0.5, "Account", 0.5, "Software", 0.3,
                "Network", 0.2);
        Object[][] rows = {
                {JSMITH, "John", "Smith", "Systems Engineer", withSkill(desk, "Network", 1.0)},
                {TNGUYEN, "Tuan", "Nguyen", "Service Desk Technician", desk},
                {RBROWN, "Rachel", "Brown", "Service Desk Technician", desk},
                {DPATEL, "Divya", "Patel", "Security Analyst", Map.of("Security", 12.0, "Email", 0.25, "Account", 0.25)},
                {"akim", "Andrew", "Kim", "Network Engineer", network},
                {"bwilson", "Beth", "Wilson", "Network Engineer", network},
                {"mgarcia", "Marco", "Garcia", "Service Desk Technician", desk},
                {"lchen", "Lily", "Chen", "Service Desk Technician", desk},
                {"kmuller", "Klaus", "Muller", "Service Desk Technician", desk},
                {"sokafor", "Sade", "Okafor", "Service Desk Technician", desk},
                {"emartin", "Eric", "Martin", "Service Desk Technician", desk},
                {"ahassan", "Amir", "Hassan", "Security Analyst", security},
                {"jlee", "Jenna", "Lee", "Service Desk Technician", desk},
                {"pwalsh", "Patrick", "Walsh", "Systems Engineer", withSkill(network, "Network", 0.8)},
                {"cortiz", "Carla", "Ortiz", "Service Desk Technician", desk},
        };
        var techs = new ArrayList<Tech>();
        for (int i = 0; i < rows.length; i++) {
            Object[] r = rows[i];
            String id = (String) r[0];
            double speed = switch (id) {
                case TNGUYEN -> 1.2;      // planted: slowest once ticket mix is normalised (KPI 09), under KPI 03's 1.5
                case RBROWN -> 0.95;
                case JSMITH -> 0.85;
                default -> rng.nextDouble(0.92, 1.08);
            };
            // planted: jsmith is slow on Network tickets only (KPI 03), quick elsewhere
            Map<String, Double> domainSpeed = id.equals(JSMITH) ? Map.of("Network", 3.0) : Map.of();
            double quality = id.equals(TNGUYEN) ? 0.8 : rng.nextDouble(0.93, 0.97);
            double fcr = switch (id) {
                case RBROWN -> 0.75;      // planted: first-contact resolution star (KPI 07)
                case TNGUYEN -> 0.1;
                default -> rng.nextDouble(0.28, 0.34);
            };
            String title = (String) r[3];
            techs.add(new Tech(150 + i, id, (String) r[1], (String) r[2], title, title, speed, domainSpeed, quality,
                    fcr, capacity(id, title), (Map<String, Double>) r[4]));
        }
        return techs;
    }

    /** Hours a day available for ticket work; dpatel spends most of the day in the security consoles. */
    private static double capacity(String identifier, String title) {
        if (identifier.equals(DPATEL)) return 2.0;
        return title.startsWith("Service") ? 7.5 : 8.0;
    }

    private static Map<String, Double> withSkill(Map<String, Double> skills, String domain, double weight) {
        var copy = new LinkedHashMap<>(skills);
        copy.put(domain, weight);
        return Map.copyOf(copy);
    }

    /** Open projects for a few clients, plus Fabrikam's closed email migration (KPI 10). */
    private static List<Project> projects(WorldSpec spec, List<Client> clients, List<Tech> techs) {
        var list = new ArrayList<Project>();
        list.add(new Project(9001, find(clients, FABRIKAM).id(), "Email migration to Exchange Online", "Email",
                techs.get(0), Plants.fabrikamProjectStart(spec), Plants.fabrikamProjectEnd(spec), 60));
        String[][] open = {{"MassiveDynamic", "Firewall replacement", "Network"}, {WAYNE, "SOC onboarding", "Security"},
                {"Oscorp", "Laptop refresh", "Hardware"}, {"Soylent", "Server migration", "Project"}};
        for (int i = 0; i < open.length; i++) {
            list.add(new Project(9002 + i, find(clients, open[i][0]).id(), open[i][1], open[i][2], techs.get(4 + i),
                    spec.endDate().minusDays(40 + 10L * i), null, 40 + 10 * i));
        }
        return list;
    }

    static Client find(List<Client> clients, String identifier) {
        return clients.stream().filter(c -> c.identifier().equals(identifier)).findFirst().orElseThrow();
    }

    public List<Client> clients() { return clients; }

    public List<Tech> techs() { return techs; }

    public List<Category> categories() { return categories; }

    public List<Project> projects() { return projects; }

    public Client client(String identifier) { return find(clients, identifier); }

    public Tech tech(String identifier) {
        return techs.stream().filter(t -> t.identifier().equals(identifier)).findFirst().orElseThrow();
    }

    Category category(String key) {
        return categories.stream().filter(c -> c.key().equals(key)).findFirst().orElseThrow();
    }
}
