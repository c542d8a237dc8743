package com.mspanalytics.kpi.calculators;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.mspanalytics.kpi.Headline;
import com.mspanalytics.kpi.KpiBody;
import io.swagger.v3.oas.annotations.media.DiscriminatorMapping;
import io.swagger.v3.oas.annotations.media.Schema;
import java.math.BigDecimal;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** KPI 02 ({@code client-training-needs}): which contacts and clients raise tickets that training would prevent. */
@Schema(name = "ClientTrainingNeedsBody")
public record ClientTrainingNeedsResult(Summary summary, List<Flagged> rows) implements KpiBody {

    @Override
    public Headline headline() {
        return Headline.count("contacts and clients flagged", summary.flaggedContacts() + summary.flaggedClients(), Headline.Better.LOWER);
    }

    /**
     * @param tenantTrainingShare training tickets / all tickets of the window; null without tickets
     * @param tenantMedianPerContact median over clients of training tickets per active contact
     * @param clientsAboveRatioUnderMinSample clients above the ratio with fewer than {@code minSample} training
     *        tickets: not flagged, since a few tickets double a small median by chance
     */
    @Schema(name = "ClientTrainingNeedsSummary")
    public record Summary(int flaggedContacts, int flaggedClients, @Nullable BigDecimal tenantTrainingShare,
            int clientsWithActiveContacts, @Nullable BigDecimal tenantMedianPerContact,
            long clientsAboveRatioUnderMinSample, List<String> trainingCategories) {
    }

    /**
     * A flagged contact or client; contacts come first. {@code level} is an ordinary property (rows are serialised
     * as their runtime type, which carries no type id) that reading a stored result uses as the type id.
     */
    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.EXISTING_PROPERTY, property = "level")
    @JsonSubTypes({@JsonSubTypes.Type(value = Contact.class, name = "contact"),
            @JsonSubTypes.Type(value = Client.class, name = "client")})
    @Schema(name = "ClientTrainingNeedsRow", discriminatorProperty = "level", oneOf = {Contact.class, Client.class},
            discriminatorMapping = {@DiscriminatorMapping(value = "contact", schema = Contact.class),
                    @DiscriminatorMapping(value = "client", schema = Client.class)})
    public sealed interface Flagged {

        /** "contact" or "client". */
        String level();
    }

    /**
     * A contact whose training tickets are clearly above the tenant's share for its volume.
     *
     * @param share trainingTickets / tickets
     * @param expectedTrainingTickets tickets × the tenant's training share
     * @param ratio trainingTickets / expected; null when nothing was expected
     * @param pValue P(X ≥ trainingTickets) under Poisson(expected), 6 significant digits
     * @param topTopics up to 3 issue categories of the training tickets, most frequent first
     */
    @Schema(name = "ClientTrainingNeedsContact")
    @JsonPropertyOrder("level")
    public record Contact(String contact, long contactId, String client, @Nullable String clientIdentifier,
            long companyId, long trainingTickets, long tickets, BigDecimal share, Double expectedTrainingTickets,
            @Nullable Double ratio, BigDecimal pValue, List<String> topTopics) implements Flagged {

        @Override
        @JsonProperty
        public String level() {
            return "contact";
        }
    }

    /**
     * A client whose training tickets per active contact are at least {@code minRatio} times the tenant median.
     *
     * @param ratio perContact / tenantMedian; null when the median is 0
     */
    @Schema(name = "ClientTrainingNeedsClient")
    @JsonPropertyOrder("level")
    public record Client(String client, @Nullable String clientIdentifier, long companyId, long trainingTickets,
            long activeContacts, BigDecimal perContact, BigDecimal tenantMedian, @Nullable BigDecimal ratio)
            implements Flagged {

        @Override
        @JsonProperty
        public String level() {
            return "client";
        }
    }
}
