"""Pure rules of the notifications service: the schedule, the upkeep, deliveries and calendar tokens."""
