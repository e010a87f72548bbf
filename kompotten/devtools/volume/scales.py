"""How much `generate_volume` makes: the "large city, ten years" volume of issue 12, and a small one for CI."""

from dataclasses import dataclass, fields, replace


@dataclass(frozen=True)
class Scale:
    name: str
    years: int  # how far back the cases go from the reference date
    staff: int  # staff users besides the demo users (500 at large-city scale)
    persons: int  # about: the eviction tenants, applicants and requests' persons add up to it
    protected_share: float
    eviction_files: int
    notices: int  # in those files: every file has one, the rest are second notices
    relocation_requests: int
    telephone_inquiries: int
    housing_applications: int  # the relocation requests handed over among them
    flats: int
    access_log_rows: int  # over the last year

    def times(self, factor: float) -> "Scale":
        """The same proportions, `factor` times as many of everything (the years stay)."""
        counts = {f.name: max(1, round(getattr(self, f.name) * factor)) for f in fields(self) if f.type is int}
        counts.pop("years")
        return replace(self, name=f"{self.name}×{factor:g}", **counts)


SCALES = {
    "large-city": Scale(
        name="large-city",
        years=10,
        staff=500,
        persons=100_000,
        protected_share=0.02,
        eviction_files=150_000,
        notices=300_000,
        relocation_requests=20_000,
        telephone_inquiries=20_000,
        housing_applications=30_000,
        flats=10_000,
        access_log_rows=500_000,
    ),
    "ci": Scale(
        name="ci",
        years=10,
        staff=20,
        persons=400,
        protected_share=0.05,
        eviction_files=300,
        notices=600,
        relocation_requests=120,
        telephone_inquiries=120,
        housing_applications=150,
        flats=60,
        access_log_rows=500,
    ),
}
