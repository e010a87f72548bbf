"""People and their protection, the case core every capability extends, the one access policy, and the
relocation requests of Kompotten and Länskompotten."""
