"""The words of the field that the names check must judge in context: the allow-list.

Briefings, findings and quotes capitalise many words that are also somebody's name in a names
list ("Mother said …", "Early Help", "Police Protection", "Priority Three", "May", "Grace").
The check sorts them into:

- ``FIELD_TERMS``: roles, relations, agencies, services and processes. Never a person's name,
  even after a cue ("my Health Visitor was good", "the Police Protection").
- ``NAME_LIKE_WORDS``: ordinary words and calendar words that are also given names (Hope, Grace,
  Will, May, June, Sunday …). A name only with a cue: a title ("Sister Grace"), a relation
  ("our health visitor Grace"), "called/named" ("we named her Hope"), or a surname after it
  ("Grace Okafor").
- ordinary English words: Faker's English word list (the same package as the names) plus
  ``FIELD_TERMS`` and ``NAME_LIKE_WORDS``; the same rule as ``NAME_LIKE_WORDS``.

The lists are in the field's words and grouped by what they are, so that an addition is easy
to judge; the user guide (docs/user-guide/briefing.md) explains them to authors.
"""

from __future__ import annotations

from functools import cache


def _words(*groups: str) -> frozenset[str]:
    return frozenset(word.casefold() for group in groups for word in group.split())


RELATIONS = _words(
    # family and household
    "mother mum mam mummy mom father dad daddy parent parents carer carers stepfather stepmother",
    "stepdad stepmum step-dad step-mum nan nana nanna nanny gran granny grandma grandmother",
    "grandad granddad grandpa grandfather grandparent grandparents auntie aunty aunt uncle cousin",
    "sister brother sibling siblings son daughter baby babies child children infant newborn twin",
    "twins partner husband wife boyfriend girlfriend fiance fiancé fiancee fiancée ex ex-partner",
    "friend neighbour neighbor landlord lodger boy girl eldest youngest niece nephew kids kid",
    "male female man men woman women boys girls person people foster fostering kinship adoptive",
)
ROLES = _words(
    "worker workers keyworker key-worker practitioner practitioners visitor visitors midwife",
    "midwives nurse nurses doctor doctors gp paediatrician consultant registrar surgeon dentist",
    "teacher teachers headteacher head senco officer officers constable sergeant detective",
    "inspector manager lead leads chair clinician therapist counsellor psychologist psychiatrist",
    "solicitor barrister advocate interpreter guardian mentor coordinator co-ordinator reviewer",
    "receptionist staff professional professionals clinician health-visitor",
)
SERVICES = _words(
    "police health visiting midwifery nursing social care council county borough city district",
    "authority local early help protection section priority plan plans strategy discussion",
    "conference meeting meetings panel board partnership partnerships safeguarding service",
    "services team teams hub front door duty assessment assessments review reviews referral",
    "referrals multi-agency agency agencies housing probation education school schools nursery",
    "academy college hospital clinic surgery practice centre center trust foundation nhs icb",
    "emergency order orders court courts public law outline legal planning youth justice adult",
    "adults mental wellbeing well-being domestic abuse violence substance misuse drug drugs",
    "alcohol designated named professional universal targeted specialist statutory integrated",
    "initial need needs ofsted government department office national regional unit units ward",
    "maternity antenatal postnatal neonatal paediatric paediatrics community primary secondary",
    "infant infants junior juniors nurseries ambulance fire rescue charity project network forum",
    "group groups programme program pathway protocol protocols policy procedure procedures",
    "guidance standard standards framework toolkit tool tools record records system systems",
    "looked-after accommodation refuge shelter hostel prison custody bail immigration asylum",
    "department directorate commissioner commissioners executive cabinet committee",
)
BRIEFING_WORDS = _words(
    "learning strengths strength voice next steps step overview methodology scope definition",
    "definitions background key findings finding things remember questions reflective",
    "training briefing briefings e-learning audit audits resources resource cases case",
    "theme themes charts chart panel notes note summary report reports action actions",
    "evidence consistency curiosity challenge supervision information sharing closure",
    "multi concealed pregnancy pregnancies enhanced support safe sleeping handling cross-boundary",
    "non-mobile mobile step-down contingency bottom lines wellbeing impact outcome outcomes",
    "identify engaging engagement efforts practice partners partner agencies families family",
    "whole right appropriately skilled importance limited multiple good evidence every please",
    "between communicate verify ask use discuss book complete who why what when where how",
    "the a an this these those there their they it its our we you your my his her he she",
    "i me us them and or but if then so of in on at to from by for with without within after",
    "before since until during about into over under around near yes no not only also just",
    "sometimes often always never most many some all any each both few several",
    "one two three four five six seven eight nine ten eleven twelve first second third last",
    "new old young little big previous current later earlier today yesterday tomorrow",
    "dear hello hi thanks thank sorry okay ok",
)
# Calendar words: months and days are found by the date patterns when narrower than a month;
# alone they are not names.
CALENDAR = _words(
    "january february march april may june july august september october november december",
    "jan feb mar apr jun jul aug sep sept oct nov dec",
    "monday tuesday wednesday thursday friday saturday sunday",
    "spring summer autumn fall winter christmas easter ramadan eid diwali hanukkah new-year",
    "weekend weekday morning evening night midnight",
)
# Ordinary words that are also given names or surnames: a name only with a cue.
NAME_LIKE_WORDS = (
    _words(
        "hope grace faith joy will may june april august dawn rose holly ivy summer autumn",
        "winter spring christmas sunday bill mark frank pat sue rich guy jack rob ray don art",
        "chase chance major young page hall case church street close early good green white",
        "black brown grey gray north south east west king queen prince rock star sky brook",
        "river lake field moss wood hill stone price noble love justice charity patience",
        "prudence amber red",
    )
    | CALENDAR
)
FIELD_TERMS = RELATIONS | ROLES | SERVICES | BRIEFING_WORDS

# Abbreviated titles: matched exactly as written (with or without a full stop).
ABBREVIATED_TITLES = frozenset(
    "Dr Mr Mrs Ms Mx Miss Mstr PC DC DS DI DCI DSgt Sgt PCSO Insp Cllr Prof Rev Revd Fr Sr".split()
)
# Titles and roles in words, matched whatever their case when a capitalised name follows:
# "Health Visitor Chidinma Okafor", "health visitor Xiaoming Li", "Uncle Tariq".
WORD_TITLES = (
    "staff nurse",
    "ward sister",
    "health visitor",
    "social worker",
    "support worker",
    "family support worker",
    "key worker",
    "keyworker",
    "school nurse",
    "community nurse",
    "student midwife",
    "police constable",
    "detective constable",
    "detective sergeant",
    "detective inspector",
    "police sergeant",
    "police officer",
    "doctor",
    "nurse",
    "sister",
    "midwife",
    "sergeant",
    "constable",
    "inspector",
    "detective",
    "officer",
    "councillor",
    "professor",
    "reverend",
    "uncle",
    "auntie",
    "aunty",
    "aunt",
    "grandad",
    "granddad",
    "grandpa",
    "grandma",
    "granny",
    "gran",
    "nan",
    "nana",
    "nanna",
    "baby",
    "master",
    "teacher",
)
# What to call a person instead of naming them, by the title or role they were named with.
ROLE_INSTEAD = {
    "dr": "the doctor",
    "doctor": "the doctor",
    "pc": "the police officer",
    "dc": "the police officer",
    "ds": "the police officer",
    "di": "the police officer",
    "dci": "the police officer",
    "dsgt": "the police officer",
    "sgt": "the police officer",
    "pcso": "the police officer",
    "insp": "the police officer",
    "police constable": "the police officer",
    "detective constable": "the police officer",
    "detective sergeant": "the police officer",
    "detective inspector": "the police officer",
    "police sergeant": "the police officer",
    "police officer": "the police officer",
    "sergeant": "the police officer",
    "constable": "the police officer",
    "inspector": "the police officer",
    "detective": "the police officer",
    "officer": "the officer",
    "nurse": "the nurse",
    "staff nurse": "the nurse",
    "school nurse": "the school nurse",
    "community nurse": "the nurse",
    "sister": "the nurse",
    "ward sister": "the nurse",
    "midwife": "the midwife",
    "student midwife": "the midwife",
    "health visitor": "the health visitor",
    "social worker": "the social worker",
    "support worker": "the support worker",
    "family support worker": "the family support worker",
    "key worker": "the key worker",
    "keyworker": "the key worker",
    "teacher": "the teacher",
    "baby": "the baby",
    "uncle": "an uncle",
    "auntie": "an aunt",
    "aunty": "an aunt",
    "aunt": "an aunt",
    "grandad": "a grandparent",
    "granddad": "a grandparent",
    "grandpa": "a grandparent",
    "grandma": "a grandparent",
    "granny": "a grandparent",
    "gran": "a grandparent",
    "nan": "a grandparent",
    "nana": "a grandparent",
    "nanna": "a grandparent",
}

# Words that, before a capitalised word, make it a place rather than a person: "the Durham
# area", "County Durham", "moved into Leeds".
PLACE_BEFORE = _words("county city town borough in into across around near outside throughout")
PLACE_AFTER = _words(
    "area areas county council borough city town police constabulary nhs partnership",
    "safeguarding hospital university airport station district region",
)
# A run of capitalised words ending in one of these is an organisation or a document, not a
# person ("Northshire Early Help Strategy", "Lucy Faithfull Foundation").
ORGANISATION_HEADS = _words(
    "service services team board hub partnership council trust unit authority court agency",
    "department directorate foundation charity project network forum group panel programme",
    "strategy plan protocol pathway policy procedure framework toolkit order outline",
    "conference meeting meetings review assessment centre center hospital university college",
    "police constabulary ltd limited plc association society institute infirmary hospice",
)


@cache
def ordinary_words() -> frozenset[str]:
    """Everyday English words (Faker's English word list) with the field's own words."""
    from faker.providers.lorem.en_US import Provider

    return frozenset(w.casefold() for w in Provider.word_list) | FIELD_TERMS | NAME_LIKE_WORDS
