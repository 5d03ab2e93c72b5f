"""The authorization matrix: the expected answer of every operation to every kind of caller.

Each operation is asked about an object of **school_own** (Trường Tiểu học Hiến Thành, a primary
school of Phường Nguyễn Đại Năng 10744, Hải Phòng 31) or of its units, unless its comment says
otherwise. The columns:

- ``anon``: no token — and the same answer for every refused credential: a malformed token, a forged
  signature (payload changed to admin), a token signed by another key, an expired one, ``alg: none``,
  HS256 keyed with the issuer's public key, another audience, another issuer (see conftest.BAD_CALLERS);
- ``school``: ``own`` = school_own; ``other`` = a lower-secondary school of another commune (11560) of
  the same province;
- ``commune``: ``own`` = 10744; ``sib`` = another commune of the same province (11560); ``other`` = a
  commune of another province (27496, TP. Hồ Chí Minh);
- ``city``: ``own`` = Hải Phòng (31); ``other`` = TP. Hồ Chí Minh (79);
- ``admin``, ``op`` (operator: monitoring only, no school data).

Answers: 2xx where the caller may; 401 without valid credentials; 403 where the caller's role may
never do this; 404 where the object is outside the caller's scope (reported as missing, so its
existence is not revealed). A new operation in an OpenAPI document fails the suite until it has a row.
"""
from __future__ import annotations

from .conftest import BAD_CALLERS, ROLE_CALLERS

COLUMNS = ("anonymous", *ROLE_CALLERS)

#                                                                 anon | school  | commune     | city    | admin | op
#                                                                      | own oth | own sib oth | own oth |       |
MATRIX: dict[tuple[str, str], str] = {
    # -- identity: sign-in and keys are public; accounts and the directory follow the caller's unit ------------
    ("identity", "POST /sessions"):                               "201 | 201 201 | 201 201 201 | 201 201 | 201 | 201",
    ("identity", "GET /.well-known/jwks.json"):                   "200 | 200 200 | 200 200 200 | 200 200 | 200 | 200",
    # Signing out (each caller its own session; see recipes) is for every signed-in caller.
    ("identity", "DELETE /sessions/current"):                     "401 | 204 204 | 204 204 204 | 204 204 | 204 | 204",
    # Ending every session of another account of school_own's school: its city or the administrator.
    ("identity", "POST /users/{user_id}/sessions/revoke"):        "401 | 404 404 | 404 404 404 | 204 404 | 204 | 404",
    ("identity", "GET /users/me"):                                "401 | 200 200 | 200 200 200 | 200 200 | 200 | 200",
    # Accounts are managed by the city (its province) and the administrator.
    ("identity", "GET /users"):                                   "401 | 403 403 | 403 403 403 | 200 200 | 200 | 403",
    ("identity", "POST /users"):                                  "401 | 403 403 | 403 403 403 | 201 403 | 201 | 403",
    # school_own's own account: its owner may read it and change its own name.
    ("identity", "GET /users/{user_id}"):                         "401 | 200 404 | 404 404 404 | 200 404 | 200 | 404",
    ("identity", "PATCH /users/{user_id}"):                       "401 | 200 404 | 404 404 404 | 200 404 | 200 | 404",
    ("identity", "GET /schools"):                                 "401 | 200 200 | 200 200 200 | 200 200 | 200 | 403",
    # A new school of commune 10744: registered by the city of its province or the administrator.
    ("identity", "POST /schools"):                                "401 | 403 403 | 403 403 403 | 201 403 | 201 | 403",
    ("identity", "GET /schools/{code}"):                          "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    ("identity", "PATCH /schools/{code}"):                        "401 | 403 404 | 403 404 404 | 200 404 | 200 | 404",
    # Hải Phòng's communes: public administrative data, for every signed-in caller.
    ("identity", "GET /org-units"):                               "401 | 200 200 | 200 200 200 | 200 200 | 200 | 200",
    # -- plans: written by their school, reviewed by its commune (primary) and city ------------------------------
    ("plans", "GET /plans"):                                      "401 | 200 200 | 200 200 200 | 200 200 | 200 | 403",
    # Each school, commune/ward and city creates its own unit's plans (the other ones create one of their own).
    ("plans", "POST /plans"):                                     "401 | 201 201 | 201 201 201 | 201 201 | 403 | 403",
    ("plans", "POST /plans/import"):                              "401 | 201 201 | 201 201 201 | 201 201 | 403 | 403",
    ("plans", "GET /plans/{plan_id}"):                            "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    ("plans", "GET /plans/{plan_id}/original"):                   "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    ("plans", "GET /plans/{plan_id}/versions"):                   "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    ("plans", "GET /plans/{plan_id}/versions/{number}"):          "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    ("plans", "GET /plans/{plan_id}/versions/{old}/diff/{new}"):  "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    # The original file of a submitted version (an imported plan, submitted) and the review history.
    ("plans", "GET /plans/{plan_id}/versions/{number}/original"): "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    ("plans", "GET /plans/{plan_id}/timeline"):                   "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    # A draft is changed, deleted and submitted by its school only; its reviewers see it but may not.
    ("plans", "PATCH /plans/{plan_id}"):                          "401 | 200 404 | 403 404 404 | 403 404 | 403 | 404",
    ("plans", "DELETE /plans/{plan_id}"):                         "401 | 204 404 | 403 404 404 | 403 404 | 403 | 404",
    ("plans", "POST /plans/{plan_id}/import"):                    "401 | 200 404 | 403 404 404 | 403 404 | 403 | 404",
    ("plans", "POST /plans/{plan_id}/submit"):                    "401 | 200 404 | 403 404 404 | 403 404 | 403 | 404",
    # A submitted primary-school plan: its commune, its city or the administrator decide.
    ("plans", "POST /plans/{plan_id}/approve"):                   "401 | 403 404 | 200 404 404 | 200 404 | 200 | 404",
    ("plans", "POST /plans/{plan_id}/return"):                    "401 | 403 404 | 200 404 404 | 200 404 | 200 | 404",
    # -- indicators: Hải Phòng's catalogue and round (the province's objects) and school_own's submission ------
    # The catalogue is no school's data: every signed-in caller may read it; its city or the administrator edit it.
    ("indicators", "GET /catalogue"):                             "401 | 200 200 | 200 200 200 | 200 200 | 200 | 200",
    ("indicators", "GET /catalogue/versions"):                    "401 | 200 200 | 200 200 200 | 200 200 | 200 | 200",
    ("indicators", "POST /catalogue/indicators"):                 "401 | 403 403 | 403 403 403 | 201 403 | 201 | 403",
    ("indicators", "PATCH /catalogue/indicators/{code}"):         "401 | 403 403 | 403 403 403 | 200 403 | 200 | 403",
    ("indicators", "GET /rounds"):                                "401 | 200 200 | 200 200 200 | 200 200 | 200 | 403",
    ("indicators", "POST /rounds"):                               "401 | 403 403 | 403 403 403 | 201 403 | 201 | 403",
    # The round concerns every school and commune of Hải Phòng; none of TP. HCM (nor the operator: 404).
    ("indicators", "GET /rounds/{round_id}"):                     "401 | 200 200 | 200 200 404 | 200 404 | 200 | 404",
    ("indicators", "POST /rounds/{round_id}/schedule"):           "401 | 403 403 | 403 403 404 | 200 404 | 200 | 404",
    # The template of school_own's form: the school, or its commune or city preparing it.
    # Another school is refused (403) whatever school code it names, as for PUT below.
    ("indicators", "GET /rounds/{round_id}/template"):            "401 | 200 403 | 200 404 404 | 200 404 | 200 | 404",
    ("indicators", "GET /rounds/{round_id}/submissions/{school_code}"):
                                                                  "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    # Only a school submits, and only its own values: another school is refused (403) for any school code,
    # existing or not, so the answer tells it nothing.
    ("indicators", "PUT /rounds/{round_id}/submissions/{school_code}"):
                                                                  "401 | 200 403 | 403 403 403 | 403 403 | 403 | 403",
    # An upload is the caller's own school's form: school_other submits its own (first time: 201).
    ("indicators", "POST /rounds/{round_id}/submissions/upload"): "401 | 200 201 | 403 403 403 | 403 403 | 403 | 403",
    ("indicators", "GET /schools/{school_code}/history"):         "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    ("indicators", "GET /schools/{school_code}/history.{fmt}"):   "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    # Approval of school_own's report (each cell on a report in the stage the action needs): read by the school
    # and its reviewers; the school completes its own; its commune (primary school), its city or the
    # administrator confirm, return, reopen and flag; only the city or the administrator accept. The school's own
    # report is refused to it as a reviewer (403); anyone who cannot see the report gets 404.
    ("indicators", "GET /rounds/{round_id}/submissions/{school_code}/audit"):
                                                                  "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    ("indicators", "GET /rounds/{round_id}/submissions/{school_code}/previous"):
                                                                  "401 | 200 404 | 200 404 404 | 200 404 | 200 | 404",
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/complete"):
                                                                  "401 | 200 404 | 403 403 403 | 403 403 | 403 | 403",
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/confirm"):
                                                                  "401 | 403 404 | 200 404 404 | 200 404 | 200 | 404",
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/return"):
                                                                  "401 | 403 404 | 200 404 404 | 200 404 | 200 | 404",
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/accept"):
                                                                  "401 | 403 404 | 403 404 404 | 200 404 | 200 | 404",
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/reopen"):
                                                                  "401 | 403 404 | 200 404 404 | 200 404 | 200 | 404",
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/flags"):
                                                                  "401 | 403 404 | 201 404 404 | 201 404 | 201 | 404",
    # A flag commune_own put on school_own's report: the school answers it, a reviewer closes it.
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/flags/{flag_id}/answer"):
                                                                  "401 | 200 404 | 403 403 403 | 403 403 | 403 | 403",
    ("indicators", "POST /rounds/{round_id}/submissions/{school_code}/flags/{flag_id}/close"):
                                                                  "401 | 403 404 | 200 404 404 | 200 404 | 200 | 404",
    # commune_own's reports, for bulk confirmation: the commune itself, its city, the administrator. Another
    # commune of the province is refused (403) whatever commune code it names, so the answer tells it nothing.
    ("indicators", "GET /rounds/{round_id}/communes/{commune_code}/reports"):
                                                                  "401 | 403 403 | 200 403 404 | 200 404 | 200 | 403",
    ("indicators", "POST /rounds/{round_id}/communes/{commune_code}/confirm"):
                                                                  "401 | 403 403 | 200 403 404 | 200 404 | 200 | 403",
    # -- notifications: each caller's own inbox and preferences; webhooks of a unit --------------------------
    ("notifications", "GET /inbox"):                              "401 | 200 200 | 200 200 200 | 200 200 | 200 | 200",
    ("notifications", "GET /inbox/unread-count"):                 "401 | 200 200 | 200 200 200 | 200 200 | 200 | 200",
    # school_own's notification (its plan was returned): only its recipient marks it read.
    ("notifications", "POST /inbox/{notification_id}/read"):      "401 | 200 404 | 404 404 404 | 404 404 | 404 | 404",
    ("notifications", "GET /preferences"):                        "401 | 200 200 | 200 200 200 | 200 200 | 200 | 200",
    ("notifications", "PUT /preferences"):                        "401 | 200 200 | 200 200 200 | 200 200 | 200 | 200",
    # Webhooks belong to a commune, a city or the administrator; each lists and creates its own unit's.
    ("notifications", "GET /webhooks"):                           "401 | 403 403 | 200 200 200 | 200 200 | 200 | 403",
    ("notifications", "POST /webhooks"):                          "401 | 403 403 | 201 201 201 | 201 201 | 201 | 403",
    # commune_own's webhook: deleted by that commune or the administrator only (not even by its city).
    ("notifications", "DELETE /webhooks/{webhook_id}"):           "401 | 403 403 | 204 404 404 | 404 404 | 204 | 403",
    ("notifications", "GET /deliveries"):                         "401 | 200 200 | 200 200 200 | 200 200 | 200 | 403",
    # Reminding the schools of the round missing from it: the city of its province and the communes of that
    # province (each its own schools); at most once a day per school, so a repeat answers 200 reminding none.
    ("notifications", "POST /rounds/{round_id}/reminders"):       "401 | 403 403 | 200 200 404 | 200 404 | 403 | 403",
    # -- reports: roll-ups of Hải Phòng's round for reviewers (schools see their own figures elsewhere) -------
    # commune_sib gets its own commune's roll-up of the same round.
    ("reports", "GET /rollups/{round_id}"):                       "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    ("reports", "GET /rollups/{round_id}/schools"):               "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    ("reports", "GET /rounds/{round_id}/completeness"):           "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    ("reports", "GET /rounds/{round_id}/targets"):                "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    ("reports", "GET /rounds/{round_id}/progress"):               "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    ("reports", "GET /rounds/{round_id}/cascade"):                "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    # Everything a dashboard shows in one call (the portal's live dashboards), scoped like the parts it is made of.
    ("reports", "GET /rounds/{round_id}/dashboard"):              "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    ("reports", "GET /rounds/{round_id}/progress.xlsx"):          "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    ("reports", "GET /rounds/{round_id}/progress.csv"):           "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    # school_own's progress: the school itself, its commune, its city, the administrator.
    ("reports", "GET /rounds/{round_id}/schools/{school_code}/progress"):
                                                                  "401 | 200 404 | 200 404 404 | 200 404 | 200 | 403",
    # Ranking the communes is the city's.
    ("reports", "GET /rounds/{round_id}/ranking"):                "401 | 403 403 | 403 403 403 | 200 404 | 200 | 403",
    ("reports", "GET /rounds/{round_id}/export.xlsx"):            "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    ("reports", "GET /rounds/{round_id}/export.csv"):             "401 | 403 403 | 200 200 404 | 200 404 | 200 | 403",
    # Each caller's own unit (the administrator names Hải Phòng).
    ("reports", "GET /plans/status"):                             "401 | 403 403 | 200 200 200 | 200 200 | 200 | 403",
    ("reports", "GET /indicators/{indicator}/series"):            "401 | 403 403 | 200 200 200 | 200 200 | 200 | 403",
    # Official reports, about commune_own's (10744) report of the round: each unit drafts and issues its own
    # (403 to anyone else, administrators included); its draft is its own; the issued report is read by the
    # unit and the level above (the city of 31) and the administrator, and is missing for everyone else.
    ("reports", "GET /official-reports"):                         "401 | 200 200 | 200 200 200 | 200 200 | 200 | 403",
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}"): "401 | 404 404 | 200 404 404 | 404 404 | 200 | 403",
    ("reports", "PUT /official-reports/{round_id}/{kind}/{code}"): "401 | 403 403 | 200 403 403 | 403 403 | 403 | 403",
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}/draft.docx"):
        "401 | 403 403 | 200 403 403 | 403 403 | 403 | 403",
    ("reports", "POST /official-reports/{round_id}/{kind}/{code}/issue"):
        "401 | 403 403 | 201 403 403 | 403 403 | 403 | 403",
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}/regenerated"):
        "401 | 404 404 | 200 404 404 | 200 404 | 200 | 403",
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}/issued.docx"):
        "401 | 404 404 | 200 404 404 | 200 404 | 200 | 403",
    ("reports", "GET /official-reports/{round_id}/{kind}/{code}/issued.pdf"):
        "401 | 404 404 | 200 404 404 | 200 404 | 200 | 403",
}


def expected_cells(operation) -> dict[str, int]:
    """The row of ``operation`` as {caller: status}, the refused credentials answered as ``anon``."""
    values = [int(v) for v in MATRIX[operation].replace("|", " ").split()]
    assert len(values) == len(COLUMNS), f"{operation}: {len(values)} answers for {len(COLUMNS)} columns"
    cells = dict(zip(COLUMNS, values))
    return {**{caller: cells["anonymous"] for caller in BAD_CALLERS}, **cells}


def cell_count() -> int:
    return len(MATRIX) * (len(BAD_CALLERS) + len(ROLE_CALLERS))
