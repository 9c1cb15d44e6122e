"""The body: one 3-D skeleton, each exercise's key poses, figures drawn from them, form rules.

Public entry points (import them from their modules; this package re-exports nothing so that
importing one piece does not load the others):
  skeleton.forward_kinematics, skeleton.pose_points   joint angles -> named 3-D points (metres)
  library.key_pose, library.pose_files                 validated key poses per exercise and side
  animation.pose_for_cue(exercise, cue.kind, fraction, side=, repetition=)
  animation.pose_at(exercise, seconds, [(kind, seconds), ...], side=)
                                                       poses between key poses, contacts solved
  projection.drawing_for_cue / drawing_of_key_pose / drawing_of
                                                       2-D points, segments and outlines on screen
  drawings.figure_svg(exercise, pose=None, side=None)  still SVG of a key pose
  motion.animation_svg(exercise, side=None, phases=None)  looping animated SVG (SMIL)
  form.check_form(exercise, landmarks, side=None, pose=None) -> FormReport,
  form.parse_landmarks, form.report_to_dict            camera form check (see poses/_landmarks.yaml)
  gallery.gallery_files()                              {file name: text}; the caller writes them
"""
