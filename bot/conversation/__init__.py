"""The questionnaire as plain Python: state and a message in, new state, replies and effects out.

The Rasa action in actions/ only translates between the tracker and these objects, so the
dialogue is testable without Rasa and the engine alone decides which question comes next.
"""

from bot.conversation.state import Effect, Handoff, Message, Reply, State, Turn
from bot.conversation.turn import take_turn

__all__ = ["Effect", "Handoff", "Message", "Reply", "State", "Turn", "take_turn"]
