"""Write a copy of a trained model whose DIET checkpoint lacks one variable the model uses
(run in its own process: it imports TensorFlow).

`python tests/infra/drop_weight.py MODEL OUT` copies MODEL (a Rasa .tar.gz) to OUT, with the
variable VARIABLE removed from DIETClassifier's checkpoint: its value and every reference to it
in the checkpoint's object graph, as if the checkpoint had been written by a model without it.
Restoring it then leaves that variable as the model initialised it, without an error.
"""

from __future__ import annotations

import io
import sys
import tarfile
import tempfile
from pathlib import Path

VARIABLE = "model/_tf_layers/sequence_layer..text/_tf_layers/transformer/_enc_layers/0/_ffn_layers/3/kernel"
GRAPH_KEY = "_CHECKPOINTABLE_OBJECT_GRAPH"


def drop(prefix: str, out_prefix: str, variable: str) -> None:
    import tensorflow as tf
    from tensorflow.core.protobuf import trackable_object_graph_pb2

    reader = tf.train.load_checkpoint(prefix)
    key = f"{variable}/.ATTRIBUTES/VARIABLE_VALUE"
    keys = sorted(reader.get_variable_to_shape_map())
    assert key in keys, f"{key} not in the checkpoint"
    graph = trackable_object_graph_pb2.TrackableObjectGraph()
    graph.ParseFromString(reader.get_tensor(GRAPH_KEY))
    found = [i for i, n in enumerate(graph.nodes) if any(a.checkpoint_key == key for a in n.attributes)]
    assert len(found) == 1
    # As if the model that saved it had no such variable: no value, and no object refers to
    # it (a node with no value but still referred to counts as restored for TensorFlow).
    del graph.nodes[found[0]].attributes[:]
    unlinked = 0
    for node in graph.nodes:
        for child in [c for c in node.children if c.node_id == found[0]]:
            node.children.remove(child)
            unlinked += 1
    assert unlinked
    names, tensors = [], []
    for name in keys:
        if name == key:
            continue
        names.append(name)
        tensors.append(tf.constant(graph.SerializeToString()) if name == GRAPH_KEY else tf.constant(reader.get_tensor(name)))
    tf.raw_ops.SaveV2(prefix=out_prefix, tensor_names=names, shape_and_slices=[""] * len(names), tensors=tensors)


def main(model: str, out: str) -> None:
    with tempfile.TemporaryDirectory() as tmp, tarfile.open(model, "r:gz") as source:
        member = next(m for m in source.getmembers() if m.name.endswith("DIETClassifier.tf_model.index"))
        folder = Path(tmp) / "in"
        folder.mkdir()
        stem = member.name[: -len(".index")]
        for m in source.getmembers():
            if m.name.startswith(stem):
                (folder / Path(m.name).name).write_bytes(source.extractfile(m).read())
        drop(str(folder / Path(stem).name), str(Path(tmp) / "out" / Path(stem).name), VARIABLE)
        written = {f"{stem}{p.name[len(Path(stem).name):]}": p.read_bytes() for p in (Path(tmp) / "out").iterdir()}
        with tarfile.open(out, "w:gz") as target:
            for m in source.getmembers():
                if m.name.startswith(stem):
                    continue  # the new checkpoint's files replace the old ones
                target.addfile(m, source.extractfile(m) if m.isfile() else None)
            for name, data in written.items():
                info = tarfile.TarInfo(name)
                info.size = len(data)
                target.addfile(info, io.BytesIO(data))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
