"""Load Rasa's TensorFlow models (DIET, ResponseSelector, TED) without a training step.

Rasa 3.6 builds each model's weights by *training it on one example* (`model.fit`) before
loading the saved weights. Tracing that training step (forward, backward, optimiser) is most
of the Rasa server's start-up on this 2-core machine: 50 s of `Agent.load`, of which the three
`fit` calls are ~30 s. For serving, the weights that inference uses are enough, so this
builds them with one eager forward pass, restores the checkpoint, then traces the predict
function once, as Rasa does. Anything unexpected falls back to Rasa's own loader.
tests/infra/test_fast_model_load.py checks the predictions are identical to Rasa's.
"""

from __future__ import annotations

import logging
from typing import Any, Optional

logger = logging.getLogger("asb.model_load")

_installed = False


def install() -> None:
    """Patch `RasaModel.load` (idempotent). Only the serving process calls this."""
    global _installed
    if _installed:
        return
    from rasa.utils.tensorflow import models

    original = models.RasaModel.load.__func__

    def load(cls, model_file_name: str, model_data_example: Any, predict_data_example: Optional[Any] = None,
             finetune_mode: bool = False, *args: Any, **kwargs: Any):
        if finetune_mode or predict_data_example is None:
            return original(cls, model_file_name, model_data_example, predict_data_example, finetune_mode, *args, **kwargs)
        try:
            return _load_for_inference(cls, model_file_name, predict_data_example, *args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - Rasa's own way always works, only slower
            logger.warning("fast model load failed (%s); using Rasa's loader", type(exc).__name__)
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
    model.load_weights(model_file_name).expect_partial()  # optimiser slots are not needed to serve
    # What prepare_for_predict computed (e.g. DIET's label embeddings) came from unloaded weights.
    model.prepared_for_prediction = False
    model._tf_predict_step = None
    model.run_inference(predict_data_example)  # trace the predict graph once, as Rasa does
    return model
