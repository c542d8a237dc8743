package com.mspanalytics.dashboard;

import com.mspanalytics.settings.TenantSettings;
import com.mspanalytics.settings.TenantSettingsService;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Controller;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The settings page's general form (admins): rate and cost per hour, currency, time zone and when the digest goes
 * out. Checked by the same constraints as {@code PUT /settings}; the other settings are kept as they are.
 */
@Controller
class GeneralSettingsController {

    private final TenantSettingsService settings;
    private final SettingsPages settingsPages;
    private final Validator validator;

    GeneralSettingsController(TenantSettingsService settings, SettingsPages settingsPages, Validator validator) {
        this.settings = settings;
        this.settingsPages = settingsPages;
        this.validator = validator;
    }

    @PostMapping("/app/settings/general")
    @Transactional
    String save(@RequestParam(defaultValue = "") String hourlyRate, @RequestParam(defaultValue = "") String hourlyCost,
            @RequestParam(defaultValue = "") String currency, @RequestParam(defaultValue = "") String timeZone,
            @RequestParam(defaultValue = "") String digestDay, @RequestParam(defaultValue = "") String digestHour,
            @RequestParam(defaultValue = "false") boolean digestEnabled, Model model) {
        List<String> problems = new ArrayList<>();
        BigDecimal rate = amount(hourlyRate, "Hourly rate", problems);
        BigDecimal cost = amount(hourlyCost, "Hourly cost", problems);
        DayOfWeek day = null;
        try {
            day = DayOfWeek.valueOf(digestDay.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            problems.add("Digest day: '" + digestDay + "' is not a day of the week.");
        }
        Integer hour = null;
        try {
            hour = Integer.valueOf(digestHour.strip());
        } catch (NumberFormatException e) {
            problems.add("Digest hour: '" + digestHour + "' is not an hour from 0 to 23.");
        }
        if (problems.isEmpty()) {
            TenantSettings replacement = settings.current().withGeneral(rate, cost, currency.strip(), timeZone.strip(),
                    new TenantSettings.DigestSchedule(day, hour, digestEnabled));
            validator.validate(replacement).stream()
                    .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                    .map(GeneralSettingsController::problem).forEach(problems::add);
            if (problems.isEmpty()) {
                settings.replace(replacement);
                return "redirect:/app/settings?done=General%20settings%20saved";
            }
        }
        model.addAttribute("page", settingsPages.build(null, problems));
        return "dashboard/settings";
    }

    private static BigDecimal amount(String text, String field, List<String> problems) {
        try {
            return new BigDecimal(text.strip().replace(",", ""));
        } catch (NumberFormatException e) {
            problems.add(field + ": '" + text + "' is not an amount.");
            return null;
        }
    }

    private static String problem(ConstraintViolation<TenantSettings> violation) {
        String field = switch (violation.getPropertyPath().toString()) {
            case "hourlyRate" -> "Hourly rate";
            case "hourlyCost" -> "Hourly cost";
            case "currency" -> "Currency";
            case "timeZone" -> "Time zone";
            case "digest.hour" -> "Digest hour";
            default -> violation.getPropertyPath().toString();
        };
        return field + ": " + violation.getMessage() + ".";
    }
}
