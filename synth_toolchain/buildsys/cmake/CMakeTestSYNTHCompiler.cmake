# The SYNTH "compiler" works when synth-cc answers --version.
if(NOT CMAKE_SYNTH_COMPILER_WORKS)
  execute_process(COMMAND "${CMAKE_SYNTH_COMPILER}" --version
                  RESULT_VARIABLE _synth_rc OUTPUT_VARIABLE _synth_out ERROR_QUIET)
  if(NOT _synth_rc EQUAL 0)
    message(FATAL_ERROR "The SYNTH compiler ${CMAKE_SYNTH_COMPILER} does not run")
  endif()
  string(REGEX MATCH "[^\n]*" _synth_out "${_synth_out}")
  message(STATUS "Check for working SYNTH compiler: ${CMAKE_SYNTH_COMPILER} (${_synth_out})")
  set(CMAKE_SYNTH_COMPILER_WORKS 1 CACHE INTERNAL "")
  unset(_synth_rc)
  unset(_synth_out)
endif()
