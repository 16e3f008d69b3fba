"""Load Rasa's TensorFlow models (DIET, ResponseSelector, TED) without a training step.

Rasa 3.6 builds each model's weights by *training it on one example* (`model.fit`) before
loading the saved weights. Tracing that training step (forward, backward, optimiser) is most
of the Rasa server's start-up on this 2-core machine: 50 s of `Agent.load`, of which the three
`fit` calls are ~30 s. For serving, the weights that inference uses are enough, so this
builds them with one eager forward pass, restores the checkpoint, then traces the predict
function once, as Rasa does. After the restore it checks that every variable the model built
got its value from the checkpoint (no silent ``expect_partial()``); if one did not, or anything
else is unexpected, it falls back to Rasa's own loader with a warning.
tests/infra/test_fast_model_load.py checks the predictions are identical to Rasa's, and that a
checkpoint missing a variable falls back and still answers as Rasa's loader does.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

logger = logging.getLogger("asb.model_load")

PATCH = "bot/fast_model_load.py (RasaModel.load)"
UPSTREAM = "RasaHQ/rasa#10194 'Investigate TensorFlow model loading time' (also #7096): Rasa builds weights by a training step"

_installed = False


class IncompleteRestore(Exception):
    """The checkpoint had no value for a variable the model uses."""


def install() -> None:
    """Patch `RasaModel.load` (idempotent). Only the serving process calls this."""
    global _installed
    if _installed:
        return
    from bot.rasa_version_guard import may_patch

    if not may_patch(PATCH, UPSTREAM):
        return
    from rasa.utils.tensorflow import models

    original = models.RasaModel.load.__func__

    def load(cls, model_file_name: str, model_data_example: Any, predict_data_example: Optional[Any] = None,
             finetune_mode: bool = False, *args: Any, **kwargs: Any):
        if finetune_mode or predict_data_example is None:
            return original(cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs)
        try:
            return _load_for_inference(cls, model_file_name, predict_data_example, *args, **kwargs)
        except IncompleteRestore as exc:
            logger.warning("fast model load of %s did not restore every weight (%s); using Rasa's loader",
                           cls.__name__, exc)
        except Exception as exc:  # noqa: BLE001 - Rasa's own way always works, only slower
            logger.warning("fast model load of %s failed (%s); using Rasa's loader", cls.__name__,
                           type(exc).__name__)
        return original(cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs)

    models.RasaModel.load = classmethod(load)
    _installed = True


def _load_for_inference(cls, model_file_name: str, predict_data_example: Any, *args: Any, **kwargs: Any):
    import tensorflow as tf
    from rasa.utils.train_utils import create_data_generators

    config = kwargs.get("config", {})
    model = cls(*args, **kwargs)
    model.compile(optimizer=tf.keras.optimizers.Adam(config.get("learning_rate", 0.001)),
                  run_eagerly=config.get("run_eagerly"))
    generator, _ = create_data_generators(model_data=predict_data_example, batch_sizes=1, epochs=1, shuffle=False)
    batch_in = next(iter(generator))[0]
    model.predict_step(batch_in)  # eager: creates the variables inference uses
    status = model.load_weights(model_file_name)
    status.expect_partial()  # the checkpoint's optimiser state is not needed to serve
    try:
        # Every variable the forward pass built (all that inference uses) must have been bound
        # to a value in the checkpoint; one left at its initial value would serve without an
        # error (what expect_partial() alone allowed).
        status.assert_existing_objects_matched()
    except AssertionError as exc:
        raise IncompleteRestore(str(exc).splitlines()[0][:400]) from None
    # What prepare_for_predict computed (e.g. DIET's label embeddings) came from unloaded weights.
    model.prepared_for_prediction = False
    model._tf_predict_step = None
    model.run_inference(predict_data_example)  # trace the predict graph once, as Rasa does
    return model
