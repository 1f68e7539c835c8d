"""Events: dated happenings found in sentences."""
