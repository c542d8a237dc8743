package com.mspanalytics.cli;

import java.io.PrintStream;

/** A one-off command of the jar ({@code java -jar msp-analytics.jar NAME [options]}). */
interface Command {

    /** @return the process exit code: 0 done, 2 bad options, 1 failure; negative: keep serving, do not exit */
    int run(Launch launch, String[] options, PrintStream out, PrintStream err);
}
