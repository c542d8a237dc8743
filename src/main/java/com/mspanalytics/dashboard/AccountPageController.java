package com.mspanalytics.dashboard;

import com.mspanalytics.auth.users.SignedInUser;
import com.mspanalytics.auth.users.Users;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** Every signed-in user's account page, whatever their role: the one place to change one's own password. */
@Controller
class AccountPageController {

    private final Users users;

    AccountPageController(Users users) {
        this.users = users;
    }

    @GetMapping("/app/account")
    String account(@RequestParam(required = false) String done, Model model) {
        model.addAttribute("page", page(done, List.of()));
        return "dashboard/account";
    }

    @PostMapping("/app/account/password")
    String changePassword(@RequestParam(defaultValue = "") String current, @RequestParam(defaultValue = "") String password,
            @RequestParam(defaultValue = "") String confirm, Model model) {
        SignedInUser user = PageModel.signedIn();
        List<String> problems = new ArrayList<>();
        if (!password.equals(confirm)) {
            problems.add("The new password and its confirmation differ.");
        } else if (password.strip().toLowerCase(Locale.ROOT).equals(user.email().toLowerCase(Locale.ROOT))) {
            problems.add("The new password must not be your e-mail address.");
        } else {
            try {
                if (!users.changePassword(user.id(), current, password)) {
                    problems.add("The current password is not right.");
                }
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + ".");
            }
        }
        if (!problems.isEmpty()) {
            model.addAttribute("page", page(null, problems));
            return "dashboard/account";
        }
        return "redirect:/app/account?done=Password%20changed";
    }

    private static AccountPage page(@Nullable String flash, List<String> problems) {
        SignedInUser user = PageModel.signedIn();
        return new AccountPage(user.email(), user.displayName(), user.role().wireName(), flash, problems);
    }
}
