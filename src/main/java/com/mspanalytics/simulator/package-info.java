/**
 * The simulated MSP world: a deterministic generator with planted facts ({@code world}) served by faithful HTTP
 * simulators of ConnectWise PSA, SmileBack, SentinelOne, Microsoft Graph, Anthropic and Slack on loopback, with
 * switchable faults and a request log ({@code http}). Entry points: {@link com.mspanalytics.simulator.Simulators}
 * (in process), {@link com.mspanalytics.simulator.SimulateCommand} ({@code simulate}) and
 * {@link com.mspanalytics.simulator.world.MspWorld} (generator only). docs/simulator.md lists the planted facts,
 * how the clean world stays clean, and how each unverified API detail was decided.
 */
package com.mspanalytics.simulator;
