"""Graph stores: one protocol, two engines, one factory."""
