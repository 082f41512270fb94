"""DfE CIN census XML: ``Message/Children/Child`` into people, CIN episodes and CP plans.

Read child by child (streaming, memory stays flat). Each child is also checked against the DfE
schema of its collection year; a schema problem is a warning on that child, never a failed file.
The census has no ids for referrals or plans: they are ``LAchildID/CINreferralDate`` and
``LAchildID/CPPstartDate``.
"""

from __future__ import annotations

from pathlib import Path

from lxml import etree

from maca.data.checks import Counts
from maca.data.cin_schema import SchemaCheck
from maca.data.loading import Loading, RecordSink, is_empty
from maca.data.records import SPECS, synthetic_id_spec
from maca.data.report import FileReport
from maca.data.xml_records import first, reject_broken_tail, texts

PERSON = {
    "LAchildID": "pers_person_id",
    "PersonBirthDate": "pers_dob",
    "ExpectedPersonBirthDate": "pers_expected_dob",
    "Sex": "pers_sex",
    "GenderCurrent": "pers_sex",
}
EPISODE = {
    "CINreferralDate": "cine_referral_date",
    "ReferralSource": "cine_referral_source_code",
    "CINclosureDate": "cine_close_date",
    "ReasonForClosure": "cine_close_reason",
    "ReferralNFA": "cine_referral_nfa",
}
PLAN = {"CPPstartDate": "cppl_cp_plan_start_date", "CPPendDate": "cppl_cp_plan_end_date"}

EPISODE_SPEC = synthetic_id_spec(
    "ssd_cin_episodes", "cine_referral_id", ("cine_person_id", "cine_referral_date")
)
PLAN_SPEC = synthetic_id_spec(
    "ssd_cp_plans", "cppl_cp_plan_id", ("cppl_person_id", "cppl_cp_plan_start_date")
)


class _Sinks:
    def __init__(self, loading: Loading):
        self.people = RecordSink(loading, sorted(set(PERSON.values())))
        self.episodes = RecordSink(loading, [f.name for f in EPISODE_SPEC.fields])
        self.plans = RecordSink(loading, [f.name for f in PLAN_SPEC.fields])


def read_cin_census(loading: Loading, path: Path) -> FileReport:
    report = FileReport(path.name, "ssd_person")
    if is_empty(path):
        report.notes.append("empty file: no records")
        return report
    sinks = _Sinks(loading)
    schema = SchemaCheck(loading, path.name)
    broken = _parse(path, sinks, schema)
    schema.flush()
    report.return_year = schema.reference_year
    report.notes.extend(schema.notes)
    report.count(_judge(loading, path.name, sinks.people, SPECS["ssd_person"], PERSON))
    report.records["ssd_cin_episodes"] = _judge(
        loading,
        path.name,
        sinks.episodes,
        EPISODE_SPEC,
        {**EPISODE, "LAchildID": "cine_person_id", "LAchildID+CINreferralDate": "cine_referral_id"},
    )
    report.records["ssd_cp_plans"] = _judge(
        loading,
        path.name,
        sinks.plans,
        PLAN_SPEC,
        {**PLAN, "LAchildID": "cppl_person_id", "LAchildID+CPPstartDate": "cppl_cp_plan_id"},
    )
    if broken:
        reject_broken_tail(loading, report, path.name, broken)
    return report


def _judge(loading: Loading, file: str, sink: RecordSink, spec, names: dict[str, str]) -> Counts:
    labels = {field: element for element, field in names.items()}
    labels["pers_sex"] = "Sex"
    return loading.judge_into_store(
        sink.stage(file), spec, loading.reading(file, labels, xml_lines=True)
    )


def _parse(path: Path, sinks: _Sinks, schema: SchemaCheck) -> tuple[int, str] | None:
    try:
        for _, element in etree.iterparse(
            str(path),
            events=("end",),
            tag=("{*}ReferenceDate", "{*}Child"),
            resolve_entities=False,
            no_network=True,
        ):
            if element.tag.endswith("ReferenceDate"):
                schema.reference_date(element.text)
                continue
            _child(element, sinks)
            schema.check(element)  # moves the child out of the tree: memory stays flat
    except etree.XMLSyntaxError as error:
        return error.lineno or 1, (str(error.msg).strip() if error.msg else "not well-formed XML")
    except OSError as error:
        return 1, str(error)
    return None


def _child(child, sinks: _Sinks) -> None:
    identifiers = first(child, "ChildIdentifiers")
    person, lines = ({}, {}) if identifiers is None else texts(identifiers, PERSON)
    sinks.people.add(child.sourceline or 1, person, lines)
    child_id = person.get("pers_person_id")
    for details in child.iterfind("{*}CINdetails"):
        episode, lines = texts(details, EPISODE)
        episode["cine_person_id"] = child_id
        sinks.episodes.add(details.sourceline or 1, episode, lines)
        for plan in details.iterfind("{*}ChildProtectionPlans"):
            values, lines = texts(plan, PLAN)
            values["cppl_person_id"] = child_id
            sinks.plans.add(plan.sourceline or 1, values, lines)
