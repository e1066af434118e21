"""The next action of a turn without running the policy graph, when the rules leave no choice.

Every message goes to `action_handle_turn` (data/rules/questionnaire.yml names every intent, and
RulePolicy's core fallback is the same action), and after it the rules always listen. Rasa 3.6
still runs the whole policy graph twice per turn to find this out: the tracker is featurized and
deep-copied for RulePolicy, about a tenth of Rasa's time per turn (bench/results/profile-*.md).
These two steps are answered here; anything else (a session starting, a follow-up action, an
action this project does not run every turn) goes through the trained policies as before.
tests/rasa_plugins/test_policy_routes.py checks the answers against the trained graph's.

Rasa also runs every action on a copy of the tracker (rebuilt by replaying every event of the
session), so that events a policy attached to its prediction can be dropped if the action is
rejected. These two predictions attach none, and neither action changes the tracker it is given
(the action call only reads it; listening does nothing): they run on the tracker itself.

`install()` is called by bot/rasa_plugins/server.py before Rasa starts.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rasa.core.policies.policy import PolicyPrediction
    from rasa.shared.core.domain import Domain
    from rasa.shared.core.trackers import DialogueStateTracker

TURN_ACTION = "action_handle_turn"
ROUTED_ACTIONS = (TURN_ACTION, "action_listen")
POLICY_NAME = "RulePolicy"  # the policy whose rules these are


def routed_action(tracker: DialogueStateTracker) -> str | None:
    """The action the rules must choose next, or None when the policies should decide."""
    from rasa.shared.core.constants import ACTION_LISTEN_NAME
    from rasa.shared.core.events import ActionExecuted, UserUttered

    if tracker.followup_action or tracker.active_loop_name:
        return None
    last = next(
        (e for e in reversed(tracker.events) if isinstance(e, (ActionExecuted, UserUttered))),
        None,
    )
    if isinstance(last, UserUttered):
        return TURN_ACTION  # a message: the one action answers every intent
    if isinstance(last, ActionExecuted) and last.action_name == TURN_ACTION:
        return ACTION_LISTEN_NAME  # answered: wait for the next message
    return None


def routed_prediction(tracker: DialogueStateTracker, domain: Domain) -> PolicyPrediction | None:
    from rasa.core.policies.policy import PolicyPrediction

    action = routed_action(tracker)
    if action is None or action not in domain.action_names_or_texts:
        return None
    return PolicyPrediction.for_action_name(domain, action, POLICY_NAME)


def install() -> None:
    from rasa.core.processor import MessageProcessor

    predict_with_graph = MessageProcessor._predict_next_with_tracker

    def predict(self: MessageProcessor, tracker: DialogueStateTracker) -> PolicyPrediction:
        routed = routed_prediction(tracker, self.domain)
        if routed is not None:
            return routed
        return predict_with_graph(self, tracker)

    MessageProcessor._predict_next_with_tracker = predict
    run_action = MessageProcessor._run_action

    async def run_routed_action(self, action, tracker, output_channel, nlg, prediction) -> bool:
        if prediction.events or action.name() not in ROUTED_ACTIONS:
            return await run_action(self, action, tracker, output_channel, nlg, prediction)
        tracker.copy = lambda: tracker  # the copy Rasa makes for the action would be identical
        try:
            return await run_action(self, action, tracker, output_channel, nlg, prediction)
        finally:
            vars(tracker).pop("copy", None)

    MessageProcessor._run_action = run_routed_action
