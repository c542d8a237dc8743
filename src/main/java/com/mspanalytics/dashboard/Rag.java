package com.mspanalytics.dashboard;

import com.mspanalytics.kpi.Headline;
import com.mspanalytics.settings.TenantSettings;

/** A headline's state against its target, as the tile's colour and its words (colour is never the only signal). */
public enum Rag {
    GREEN("on target"),
    AMBER("near the limit"),
    RED("off target"),
    NONE("nothing to judge");

    private final String words;

    Rag(String words) {
        this.words = words;
    }

    public String words() {
        return words;
    }

    public String cssClass() {
        return "rag-" + name().toLowerCase(java.util.Locale.ROOT);
    }

    static Rag of(Headline headline, TenantSettings.KpiTarget target) {
        if (headline.value() == null) {
            return NONE;
        }
        int green = headline.value().compareTo(target.green());
        int amber = headline.value().compareTo(target.amber());
        if (headline.better() == Headline.Better.LOWER) {
            return green <= 0 ? GREEN : amber <= 0 ? AMBER : RED;
        }
        return green >= 0 ? GREEN : amber >= 0 ? AMBER : RED;
    }
}
