"""The body: one 3-D skeleton, each exercise's key poses, figures drawn from them, form rules.

Public entry points (import them from their modules):
  skeleton.forward_kinematics, skeleton.pose_points   joint angles -> named 3-D points
  library.key_pose, library.pose_files                 validated key poses per exercise
  animation.pose_for_cue, animation.pose_at            the pose during a timeline cue
  drawings.figure_svg, motion.animation_svg            still and animated SVG
  form.check_form                                      measurable form rules
  gallery.gallery_files                                every figure as files for a gallery
"""
