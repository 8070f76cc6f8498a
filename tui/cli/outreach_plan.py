"""`lantoa outreach plan`: its usage checks, the plan (or its preview) and what it prints, kept
apart so cmd_outreach.py stays short.

`--json` prints plan_json's keys (outreach_output.py) and `gaps`: the organisations `--role` left
out because nobody there has those roles (reason `no_role`) or only people not to contact do
(reason `do_not_contact`), each {contact_id: null, org_id, name, reason, item_id: null}.
"""

from __future__ import annotations

from store import outreach as core
from store.i18n import _

from .common import UsageFailure, print_json, state
from .outreach_output import plan_json, print_plan


def check_usage(request: core.PlanRequest) -> None:
    """Options that cannot act on anything are a wrong command line (exit 2), said before the
    store is read; the store refuses them too (exit 1) for other callers."""
    if not (request.contacts or request.orgs or request.groups):
        raise UsageFailure(_("Say who to reach: --to CONTACT, --org ORG or --group GROUP."))
    if request.region and not request.groups:
        raise UsageFailure(_("--region narrows a --group; give one"))
    if request.provinces and not request.groups:
        raise UsageFailure(_("--province narrows a --group; give one"))
    if request.roles and not (request.orgs or request.groups):
        raise UsageFailure(
            _(
                "--role picks people at the organisations of --org or --group "
                "(people named with --to are reached as named); give one"
            )
        )
    if request.roles and not request.expand:
        raise UsageFailure(
            _("--role picks people; --org-only plans organisations themselves: choose one")
        )


def run_plan(
    request: core.PlanRequest, settings: core.OutreachSettings, dry_run: bool, as_json: bool
) -> core.PlanResult:
    """Plan (or preview) and print the result; the caller decides the exit code."""
    check_usage(request)
    store = state.store()
    if dry_run:
        result = core.preview_plan(store.load(), request, settings)
    else:
        result = core.plan_outreach(store, request, settings)
    lookup = core.Lookup(store.load())
    if as_json:
        print_json(
            {**plan_json(result, dry_run, lookup), "gaps": [g.to_json() for g in result.gaps]}
        )
    else:
        print_plan(result, settings, dry_run, request.force, lookup)
    return result


def reached_nobody(result: core.PlanResult, dry_run: bool) -> bool:
    """A plan that planned nobody (everyone skipped, a gap, or a group with nobody in it): not
    done (exit 1, see "Exit codes"); a dry run only shows."""
    return not dry_run and not result.created
