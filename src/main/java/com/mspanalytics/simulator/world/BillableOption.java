package com.mspanalytics.simulator.world;

/** ConnectWise {@code billableOption} values, spelled as the API spells them. */
public enum BillableOption { Billable, DoNotBill, NoCharge, NoDefault }
