"""Reads of the register, one module per concern; every name is importable from here as before.

`visibility` (who sees which appeal: row-level visibility lives there and only there), `lists` (the
work lists), `exports`, and `public` (what the author of an e-appeal may see when tracking it)."""

from hromada.appeals.selectors.exports import (
    ExportApplicant,
    ExportRecord,
    appeals_for_export,
    export_records,
)
from hromada.appeals.selectors.files import (
    PORTAL_ACCOUNT,
    author_attachment,
    author_attachments,
    staff_attachment,
)
from hromada.appeals.selectors.lists import (
    AWAITING,
    LIST_PAGE_COLUMNS,
    LIST_SORTS,
    AppealFilter,
    AppealListPage,
    appeal_list_page,
    count_capped,
    departments_for_lists,
    filter_appeals,
    list_appeals,
    overdue_appeals,
    saved_filters_of,
    sort_appeals,
    worklist_order,
)
from hromada.appeals.selectors.public import PUBLIC_EVENTS, public_status, what_author_sent
from hromada.appeals.selectors.terms import (
    DepartmentLoad,
    TermState,
    load_by_department,
    my_appeals,
    overdue_q,
    term_of,
    with_terms,
)
from hromada.appeals.selectors.visibility import (
    appeal_detail,
    appeals_of_author,
    appeals_visible_to,
    author_appeal,
    get_appeal,
)

__all__ = [
    "AWAITING",
    "LIST_PAGE_COLUMNS",
    "LIST_SORTS",
    "PORTAL_ACCOUNT",
    "PUBLIC_EVENTS",
    "AppealFilter",
    "AppealListPage",
    "DepartmentLoad",
    "ExportApplicant",
    "ExportRecord",
    "TermState",
    "appeal_detail",
    "appeal_list_page",
    "appeals_for_export",
    "appeals_of_author",
    "appeals_visible_to",
    "author_appeal",
    "author_attachment",
    "author_attachments",
    "count_capped",
    "departments_for_lists",
    "export_records",
    "filter_appeals",
    "get_appeal",
    "list_appeals",
    "load_by_department",
    "my_appeals",
    "overdue_appeals",
    "overdue_q",
    "public_status",
    "saved_filters_of",
    "sort_appeals",
    "staff_attachment",
    "term_of",
    "what_author_sent",
    "with_terms",
    "worklist_order",
]
