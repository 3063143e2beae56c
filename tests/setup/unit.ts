// Shared setup for unit and integration tests.
process.env.TZ = "UTC";

