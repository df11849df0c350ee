"""Frames from the researcher's own coding: sample, agree, train, validate, apply.

The workflow (README, "Frames from your own coding"):

1. :func:`code_sample` draws a stratified, seeded sample and :func:`write_coding_sheet` writes the
   coding sheet (CSV) with a codebook template;
2. coders fill in the sheet; :func:`read_coding_sheet` reads it back (one row per article and coder);
3. :func:`agreement` gives Krippendorff's alpha per frame with a bootstrap interval and
   :func:`disagreements` the cases to adjudicate; :func:`gold_labels` one label per article;
   :func:`agreement_weights` a training weight per article from how much the coders agree;
4. :func:`train_frames` trains one classifier per frame, cross-validates it and keeps the
   out-of-fold predictions; :func:`compare_with_dictionary` puts the dictionary beside it;
5. :func:`apply_frames` scores the corpus, :func:`coded_prevalence` estimates prevalence per group
   corrected for the classifier's measured error, :func:`least_certain` lists articles to check.

It lives in ``kit/frames/coded/`` beside the dictionary frames (DESIGN.md section 7).
"""
from kit.frames.coded.agreement import agreement, agreement_weights, disagreements, gold_labels, training_weights  # noqa: F401 (the public names of kit.frames.coded)
from kit.frames.coded.prevalence import apply_frames, coded_prevalence, least_certain, rogan_gladen  # noqa: F401 (the public names of kit.frames.coded)
from kit.frames.coded.sheet import code_sample, codebook_template, coded_texts, read_coding_sheet, write_coding_sheet  # noqa: F401 (the public names of kit.frames.coded)
from kit.frames.coded.train import FrameModel, compare_with_dictionary, load_model, train_frames, validation_table  # noqa: F401 (the public names of kit.frames.coded)

__all__ = ["code_sample", "codebook_template", "coded_texts", "read_coding_sheet", "write_coding_sheet", "agreement",
           "agreement_weights", "training_weights",
           "disagreements", "gold_labels", "FrameModel", "train_frames", "compare_with_dictionary", "validation_table",
           "load_model", "apply_frames", "coded_prevalence", "least_certain", "rogan_gladen"]
