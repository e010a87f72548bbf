"""Flats, cooperation agreements and the reservation pools' yearly quotas.

Taking a flat from a pool (`pool_take`) locks the pool, so two handlers cannot both take the last flat of a year;
an empty pool gives a flat only with an explicit override whose reason is recorded in the `PoolUse`.
A flat of the Kvinnojour pool is let to the shelter itself (`flat_let_to_shelter`), which counts it in the pool's year.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from cases import postal_codes
from cases.models import District, Landlord, Person
from cases.services.common import save
from housing.models import CooperationAgreement, Flat, PoolQuota, PoolStatus, PoolUse, ReservationPool
from housing.workflow import FLAT
from kompotten.models import User
from kompotten.workflow import locked_state, who_is


@dataclass(frozen=True)
class PoolYear:
    pool: ReservationPool
    year: int
    promised: int
    used: int
    overrides: int

    @property
    def left(self) -> int:
        return max(self.promised - self.used, 0)

    @property
    def status(self) -> PoolStatus:
        return PoolStatus.of(promised=self.promised, used=self.used)


def pool_year(pool: ReservationPool, year: int) -> PoolYear:
    quota = PoolQuota.objects.filter(pool=pool, year=year).first()
    uses = PoolUse.objects.filter(pool=pool, year=year)
    return PoolYear(
        pool=pool,
        year=year,
        promised=quota.promised if quota else 0,
        used=uses.count(),
        overrides=uses.exclude(override_reason="").count(),
    )


@transaction.atomic
def pool_set_quota(*, pool: ReservationPool, year: int, promised: int, acting_user: User) -> PoolQuota:
    quota = PoolQuota.objects.select_for_update().filter(pool=pool, year=year).first() or PoolQuota(
        pool=pool, year=year, promised=0
    )
    quota.promised = promised
    return save(quota, acting_user)


@transaction.atomic
def agreement_record(
    *,
    landlord: Landlord,
    valid_from: date,
    yearly_quota: int,
    acting_user: User,
    valid_until: date | None = None,
    note: str = "",
) -> CooperationAgreement:
    """Records a cooperation agreement; the landlord's social-contract pool gets its quota for the first year."""
    if valid_until and valid_until < valid_from:
        raise ValidationError({"valid_until": _("Slutdatumet kan inte ligga före startdatumet.")})
    agreement = save(
        CooperationAgreement(
            landlord=landlord, valid_from=valid_from, valid_until=valid_until, yearly_quota=yearly_quota, note=note
        ),
        acting_user,
    )
    pool = ReservationPool.objects.filter(landlord=landlord, kind=ReservationPool.Kind.SOCIAL_CONTRACT).first()
    if pool is None:
        pool = save(
            ReservationPool(
                landlord=landlord,
                kind=ReservationPool.Kind.SOCIAL_CONTRACT,
                name=_("Bostadssociala kontrakt, %(landlord)s") % {"landlord": landlord.name},
            ),
            acting_user,
        )
    pool_set_quota(pool=pool, year=valid_from.year, promised=yearly_quota, acting_user=acting_user)
    return agreement


@transaction.atomic
def pool_take(
    *, pool: ReservationPool, flat: Flat, used_on: date, acting_user: User, override_reason: str = ""
) -> PoolUse:
    """Counts `flat` against the pool's quota of the year. An empty pool needs `override_reason`."""
    ReservationPool.objects.select_for_update().get(pk=pool.pk)  # one taker at a time per pool
    status = pool_year(pool, used_on.year)
    if status.left <= 0 and not override_reason.strip():
        raise ValidationError(
            {
                "override_reason": _(
                    "Reservationspotten ”%(pool)s” har inga lägenheter kvar %(year)d (utlovade %(promised)d, "
                    "använda %(used)d). Ange skälet om lägenheten ändå ska tas ur potten."
                )
                % {"pool": pool.name, "year": used_on.year, "promised": status.promised, "used": status.used}
            }
        )
    if PoolUse.objects.filter(flat=flat, pool=pool, year=used_on.year).exists():
        raise ValidationError(_("Lägenheten är redan räknad mot potten det året."))
    reason = override_reason.strip() if status.left <= 0 else ""
    return save(
        PoolUse(pool=pool, year=used_on.year, flat=flat, used_on=used_on, override_reason=reason, by=acting_user),
        acting_user,
    )


def _address_fields(postal_code: str) -> tuple[str, str]:
    code = postal_codes.normalise_postal_code(postal_code)
    found = postal_codes.lookup(code) if code else None
    if found is None:
        raise ValidationError(
            {"postal_code": _("Postnumret finns inte i postnummerregistret. Kontrollera de fem siffrorna.")}
        )
    return code, found[0]


def _fill(flat: Flat, fields: dict) -> Flat:
    for name, value in fields.items():
        setattr(flat, name, value.strip() if isinstance(value, str) else value)
    flat.postal_code, flat.locality = _address_fields(fields["postal_code"])
    if flat.pool_id and flat.pool.landlord_id != flat.landlord_id:
        raise ValidationError({"pool": _("Potten hör till en annan hyresvärd än lägenheten.")})
    flat.full_clean(exclude=["tenant"])
    return flat


@transaction.atomic
def flat_register(
    *,
    landlord: Landlord,
    street_address: str,
    postal_code: str,
    district: District,
    rooms: int,
    area: Decimal,
    rent: int,
    floor: int,
    available_from: date,
    acting_user: User,
    accessibility: str = "none",
    pool: ReservationPool | None = None,
) -> Flat:
    fields = {k: v for k, v in locals().items() if k not in ("acting_user",)}
    return save(_fill(Flat(), fields), acting_user)


@transaction.atomic
def flat_update(*, flat: Flat, acting_user: User, **fields) -> Flat:
    """Changes a flat's details (not its status or tenant: offers and contracts do that)."""
    flat = Flat.objects.select_for_update().get(pk=flat.pk)
    return save(_fill(flat, fields), acting_user)


@transaction.atomic
def flat_let(*, flat: Flat, tenant: Person, acting_user: User) -> Flat:
    """The flat is let to `tenant`; from now on its address follows the tenant's protection."""
    flat = Flat.objects.select_for_update().get(pk=flat.pk)
    if flat.status == Flat.Status.LET:
        raise ValidationError(_("Lägenheten är redan uthyrd."))
    return flat_transition(flat=flat, to_status=Flat.Status.LET, acting_user=acting_user, tenant=tenant)


@transaction.atomic
def flat_let_to_shelter(
    *, flat: Flat, shelter_name: str, let_on: date, today: date, acting_user: User, override_reason: str = ""
) -> Flat:
    """The landlord lets a flat of the Kvinnojour pool to the women's shelter, which lets it on itself: no tenant
    person is recorded. The flat counts in the pool's quota of the year it is let (`let_on`); beyond the quota only
    with `override_reason` (`pool_take`)."""
    flat = Flat.objects.select_for_update(of=("self",)).select_related("pool").get(pk=flat.pk)
    if flat.pool is None or flat.pool.kind != ReservationPool.Kind.WOMENS_SHELTER:
        raise ValidationError(
            {
                "pool": _(
                    "Reservationspott: bara lägenheter i Kvinnojourens pott kan hyras ut till jouren. Den här "
                    "lägenheten hör till ”%(pool)s”."
                )
                % {"pool": flat.pool.name if flat.pool else _("ingen pott")}
            }
        )
    if flat.status != Flat.Status.AVAILABLE:
        raise ValidationError(
            _("Lägenheten är inte ledig: den är %(status)s.") % {"status": flat.get_status_display().lower()}
        )
    if not shelter_name.strip():
        raise ValidationError({"shelter_name": _("Skriv jourens namn under ”Uthyrd till”.")})
    if let_on > today:
        raise ValidationError({"let_on": _("”Uthyrd från” kan inte ligga i framtiden.")})
    pool_take(pool=flat.pool, flat=flat, used_on=let_on, acting_user=acting_user, override_reason=override_reason)
    return flat_transition(
        flat=flat, to_status=Flat.Status.LET, acting_user=acting_user, shelter_name=shelter_name.strip()
    )


@transaction.atomic
def flat_transition(*, flat: Flat, to_status: str, acting_user: User, **fields) -> Flat:
    """The one service that moves a flat's status, along an edge of `housing.workflow.FLAT`, saving `fields` (the
    tenant) with it. The flat's history keeps who and when."""
    FLAT.check(locked_state(flat), to_status, who_is(acting_user))
    flat.status = to_status
    for name, value in fields.items():
        setattr(flat, name, value)
    return save(flat, acting_user, update_fields=["status", *fields])
