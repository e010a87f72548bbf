"""Relocation between municipalities (förflyttning): networks, members and contact persons, telephone inquiries,
formal requests both ways, their workflow, consent, the partner's side, messages and reciprocity. Built on the case
core (`cases`) and handing over to the housing unit (`housing`); nothing below imports it."""
