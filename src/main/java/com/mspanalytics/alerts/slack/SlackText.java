package com.mspanalytics.alerts.slack;

/**
 * Text from data (client names, ticket summaries) made inert for Slack mrkdwn: Slack reads {@code <…>} as links
 * and mentions ({@code <!channel>}, {@code <@U123>}), so {@code &}, {@code <} and {@code >} are escaped as
 * Slack documents, and a bare {@code @here}/{@code @channel} gets a zero-width joiner so it cannot notify anyone.
 */
final class SlackText {

    private SlackText() {
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
                .replaceAll("@(?i)(here|channel|everyone)\\b", "@\u2060$1");
    }

    /** At most {@code max} characters, ending with an ellipsis when cut. */
    static String clip(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
