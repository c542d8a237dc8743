package com.mspanalytics.sync;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PagePipelineTests {

    @Test
    void storesEveryPageInOrderOnTheCallingThread() {
        List<Integer> stored = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        List<Thread> readers = new CopyOnWriteArrayList<>();

        PagePipeline.run("test", (Integer previous) -> {
            readers.add(Thread.currentThread());
            return previous == null ? Integer.valueOf(1) : previous < 20 ? Integer.valueOf(previous + 1) : null;
        }, page -> {
            assertThat(Thread.currentThread()).isSameAs(caller);
            stored.add(page);
        });

        assertThat(stored).containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 20).boxed().toList());
        assertThat(readers).doesNotContain(caller);
    }

    @Test
    void aPageThatCannotBeReadFailsTheRunAfterEveryPageBeforeItIsStored() {
        List<Integer> stored = new CopyOnWriteArrayList<>();

        assertThatThrownBy(() -> PagePipeline.run("test", (Integer previous) -> {
            int page = previous == null ? 1 : previous + 1;
            if (page == 3) {
                throw new SyncFailure("page 3: the response is not valid JSON");
            }
            return page;
        }, stored::add)).isInstanceOf(SyncFailure.class).hasMessageContaining("page 3");

        assertThat(stored).containsExactly(1, 2);
    }

    @Test
    void aFailedStoreStopsTheReaderWithinAPageOrTwo() throws InterruptedException {
        AtomicInteger read = new AtomicInteger();

        assertThatThrownBy(() -> PagePipeline.run("test", (Integer previous) -> {
            read.incrementAndGet();
            return previous == null ? 1 : previous + 1;   // endless
        }, page -> {
            if (page == 2) {
                throw new IllegalStateException("database gone");
            }
        })).isInstanceOf(IllegalStateException.class).hasMessage("database gone");

        Thread.sleep(300);
        int afterFailure = read.get();
        Thread.sleep(300);
        assertThat(read.get()).as("the reader stopped").isEqualTo(afterFailure).isLessThanOrEqualTo(5);
    }

    @Test
    void theReaderStaysAtMostTwoPagesAheadOfTheStore() {
        AtomicInteger read = new AtomicInteger();
        List<Integer> ahead = new CopyOnWriteArrayList<>();

        PagePipeline.run("test", (Integer previous) -> {
            read.incrementAndGet();
            return previous == null ? Integer.valueOf(1) : previous < 10 ? Integer.valueOf(previous + 1) : null;
        }, page -> {
            try {
                Thread.sleep(20);   // a slow store
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ahead.add(read.get() - page);
        });

        assertThat(ahead).allSatisfy(n -> assertThat(n).isLessThanOrEqualTo(3));
    }
}
