# The target options (-mcpu=, -mthumb, -mfloat-abi=, -mfpu=) that WebAssembly
# objects take from the C build, so they link with the C objects.
#
# CMake reads a directory's CMAKE_C_FLAGS when it generates the build, so C
# flags set after find_package(synth) or enable_language(SYNTH) count for C
# sources.  To treat wasm sources the same, the options are read at the end of
# the top-level directory (a deferred call), from each directory's final
# CMAKE_C_FLAGS, and attached to every target of that directory:
#
#   * property SYNTH_C_TARGET_OPTIONS, which synth_add_wasm_object's commands
#     expand at generate time;
#   * for the SYNTH language, compile options for SYNTH sources placed before
#     the target's own, leaving out each kind that the directory's
#     CMAKE_SYNTH_FLAGS already names (those flags and the target's options win).
#
# Included by synthConfig.cmake and by CMakeSYNTHInformation.cmake.
include_guard(GLOBAL)

# _synth_arch_flags(<out> <flags string>): the target options among gcc flags.
function(_synth_arch_flags out flags)
  separate_arguments(_flags UNIX_COMMAND "${flags}")
  set(_arch)
  foreach(_f IN LISTS _flags)
    if(_f MATCHES "^-m(cpu|float-abi|fpu)=" OR _f STREQUAL "-mthumb")
      list(APPEND _arch "${_f}")
    endif()
  endforeach()
  set(${out} "${_arch}" PARENT_SCOPE)
endfunction()

# the kind of a target option: "-mcpu=", "-mfloat-abi=", "-mfpu=" or "-mthumb"
function(_synth_option_kind out opt)
  string(REGEX REPLACE "=.*" "=" _kind "${opt}")
  set(${out} "${_kind}" PARENT_SCOPE)
endfunction()

function(_synth_apply_target_options dir)
  get_directory_property(_c_flags DIRECTORY "${dir}" DEFINITION CMAKE_C_FLAGS)
  _synth_arch_flags(_arch "${_c_flags}")
  # for the SYNTH language: what CMAKE_SYNTH_FLAGS does not name itself
  get_property(_languages GLOBAL PROPERTY ENABLED_LANGUAGES)
  set(_lang_opts)
  if("SYNTH" IN_LIST _languages)
    get_directory_property(_synth_flags DIRECTORY "${dir}" DEFINITION CMAKE_SYNTH_FLAGS)
    _synth_arch_flags(_given "${_synth_flags}")
    set(_given_kinds)
    foreach(_g IN LISTS _given)
      _synth_option_kind(_k "${_g}")
      list(APPEND _given_kinds "${_k}")
    endforeach()
    foreach(_a IN LISTS _arch)
      _synth_option_kind(_k "${_a}")
      if(NOT _k IN_LIST _given_kinds)
        list(APPEND _lang_opts "$<$<COMPILE_LANGUAGE:SYNTH>:${_a}>")
      endif()
    endforeach()
  endif()
  get_directory_property(_targets DIRECTORY "${dir}" BUILDSYSTEM_TARGETS)
  foreach(_t IN LISTS _targets)
    get_target_property(_type ${_t} TYPE)
    if(_type STREQUAL "UTILITY" OR _type STREQUAL "INTERFACE_LIBRARY")
      continue()
    endif()
    set_property(TARGET ${_t} PROPERTY SYNTH_C_TARGET_OPTIONS "${_arch}")
    if(_lang_opts)
      target_compile_options(${_t} BEFORE PRIVATE ${_lang_opts})
    endif()
  endforeach()
  get_directory_property(_subdirs DIRECTORY "${dir}" SUBDIRECTORIES)
  foreach(_sub IN LISTS _subdirs)
    _synth_apply_target_options("${_sub}")
  endforeach()
endfunction()

cmake_language(DEFER DIRECTORY "${CMAKE_SOURCE_DIR}"
               CALL _synth_apply_target_options "${CMAKE_SOURCE_DIR}")
