package com.mspanalytics.alerts.digest;

import java.awt.Color;
import java.awt.Font;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StackedBarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.data.category.DefaultCategoryDataset;

/**
 * The digest's small charts as PNG images (JFreeChart, headless), attached inline: mail clients show inline images
 * where they refuse SVG and scripts. Each chart repeats numbers the e-mail also gives as text.
 */
final class DigestCharts {

    static final String HOURS_BY_CLIENT = "hours-by-client";
    static final String UTILIZATION = "tech-utilization";

    private static final int WIDTH = 560;
    private static final int BAR_HEIGHT = 26;
    private static final Color BILLABLE = new Color(0x2E, 0x7D, 0x32);
    private static final Color NOT_BILLABLE = new Color(0xB0, 0xBE, 0xC5);
    private static final Font LABELS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);

    private DigestCharts() {
    }

    /** Content id to PNG bytes, for the charts the digest has data for. */
    static Map<String, byte[]> of(WeeklyDigest digest) {
        Map<String, byte[]> charts = new LinkedHashMap<>();
        if (!digest.hours().byClient().isEmpty()) {
            charts.put(HOURS_BY_CLIENT, hoursByClient(digest));
        }
        if (digest.techs().stream().anyMatch(t -> t.utilization() != null)) {
            charts.put(UTILIZATION, utilization(digest));
        }
        return charts;
    }

    private static byte[] hoursByClient(WeeklyDigest digest) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        digest.hours().byClient().stream().limit(8).forEach(c -> {
            BigDecimal billable = c.billable() == null ? BigDecimal.ZERO : c.billable();
            data.addValue(billable, "Billable", c.client());
            data.addValue(c.hours().subtract(billable), "Not billable", c.client());
        });
        StackedBarRenderer renderer = new StackedBarRenderer();
        renderer.setSeriesPaint(0, BILLABLE);
        renderer.setSeriesPaint(1, NOT_BILLABLE);
        return png(data, renderer, "Hours", true);
    }

    private static byte[] utilization(WeeklyDigest digest) {
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        // every tech the table lists: a chart that drops some would hide exactly the ones a manager looks for
        digest.techs().stream().filter(t -> t.utilization() != null)
                .forEach(t -> data.addValue(t.utilization().movePointRight(2), "Utilization %", t.name()));
        BarRenderer renderer = new BarRenderer();
        renderer.setSeriesPaint(0, BILLABLE);
        return png(data, renderer, "Billable hours / available hours, %", false);
    }

    private static byte[] png(DefaultCategoryDataset data, BarRenderer renderer, String valueLabel, boolean legend) {
        renderer.setBarPainter(new StandardBarPainter());
        renderer.setShadowVisible(false);
        CategoryAxis categories = new CategoryAxis();
        categories.setTickLabelFont(LABELS);
        NumberAxis values = new NumberAxis(valueLabel);
        values.setTickLabelFont(LABELS);
        values.setLabelFont(LABELS);
        CategoryPlot plot = new CategoryPlot(data, categories, values, renderer);
        plot.setOrientation(PlotOrientation.HORIZONTAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xE0, 0xE0, 0xE0));
        plot.setOutlineVisible(false);
        JFreeChart chart = new JFreeChart(null, LABELS, plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        if (legend) {
            chart.getLegend().setItemFont(LABELS);
        }
        int height = 70 + BAR_HEIGHT * data.getColumnCount();
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, WIDTH, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
